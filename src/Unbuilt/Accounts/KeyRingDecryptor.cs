using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Unbuilt.Accounts;

/// Opens what <see cref="KeyRingEncryptor"/> sealed. Data Protection creates it by the type name stored beside each
/// key, through a constructor taking the service provider, so the key comes from there.
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetService<KeyEncryptionKey>() ?? throw new CryptographicException(
            "This data-protection key is sealed with the key ring's key, and no key ring key is configured.");
        var keyId = (string?)encryptedElement.Attribute("keyId");
        if (keyId != key.Id)
            throw new CryptographicException($"This data-protection key was sealed with key ring key {keyId}, but this node " +
                $"has {key.Id}: every node needs the same {KeyRing.Section}:Key or :KeyFile.");
        var sealedBytes = Convert.FromBase64String(encryptedElement.Value);
        const int nonceLength = 12, tagLength = 16;
        if (sealedBytes.Length < nonceLength + tagLength) throw new CryptographicException("The sealed key is truncated.");
        var plaintext = new byte[sealedBytes.Length - nonceLength - tagLength];
        using (var aes = new AesGcm(key.Bytes, tagLength))
            aes.Decrypt(sealedBytes.AsSpan(0, nonceLength), sealedBytes.AsSpan(nonceLength + tagLength),
                sealedBytes.AsSpan(nonceLength, tagLength), plaintext, KeyRingEncryptor.Context);
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
