using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Unbuilt.Settings;

namespace Unbuilt.Accounts;

/// The cookie-signing keys live in the database, so whoever reads the database (a copy of the SQLite file, a
/// PostgreSQL dump) must not be able to use them: each key is sealed with AES-GCM under a key-encryption key kept
/// outside the database. It comes from `Unbuilt:KeyRing:Key` (base64), else from the file `Unbuilt:KeyRing:KeyFile`,
/// else from {data}/keyring.key, created on first start. Every node must use the same one.
public static class KeyRing
{
    public const string Section = "Unbuilt:KeyRing";
    public const string DefaultFileName = "keyring.key";
    public const int KeyBytes = 32;

    public static IDataProtectionBuilder AddKeyRing(this IDataProtectionBuilder dataProtection, IConfiguration configuration)
    {
        var key = Load(configuration);
        dataProtection.Services.AddSingleton(key);
        dataProtection.Services.Configure<KeyManagementOptions>(options => options.XmlEncryptor = new KeyRingEncryptor(key));
        return dataProtection;
    }

    public static KeyEncryptionKey Load(IConfiguration configuration)
    {
        var inline = configuration[$"{Section}:Key"];
        var file = configuration[$"{Section}:KeyFile"];
        if (!string.IsNullOrWhiteSpace(inline) && !string.IsNullOrWhiteSpace(file))
            throw new InvalidOperationException($"Set {Section}:Key or {Section}:KeyFile, not both.");
        if (!string.IsNullOrWhiteSpace(inline)) return Parse(inline, $"{Section}:Key");
        if (!string.IsNullOrWhiteSpace(file))
        {
            var path = Path.GetFullPath(file);
            if (!File.Exists(path))
                throw new InvalidOperationException($"{Section}:KeyFile names '{path}', which does not exist. Create it on one " +
                    $"node with `openssl rand -base64 {KeyBytes} > {path}` (mode 0600) and give every node the same file.");
            return Read(path);
        }
        var dataDirectory = Path.GetFullPath(configuration[$"{UnbuiltOptions.Section}:DataDirectory"] ?? "./data");
        OwnerOnlyFiles.EnsureDirectory(dataDirectory);
        var defaultPath = Path.Combine(dataDirectory, DefaultFileName);
        try
        {
            OwnerOnlyFiles.CreateNew(defaultPath, Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)) + "\n");
        }
        catch (IOException) when (File.Exists(defaultPath))
        {
            // Made on an earlier start (or by another process starting now): use it.
        }
        return Read(defaultPath);
    }

    private static KeyEncryptionKey Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The key ring's key file '{path}' cannot be read: {e.Message}", e);
        }
        return Parse(text, $"the key file '{path}'");
    }

    private static KeyEncryptionKey Parse(string base64, string source)
    {
        var bytes = new byte[KeyBytes + 3];
        if (!Convert.TryFromBase64String(base64.Trim(), bytes, out var written) || written != KeyBytes)
            throw new InvalidOperationException($"The key ring's key in {source} must be {KeyBytes} random bytes in base64 " +
                $"(`openssl rand -base64 {KeyBytes}`). Replacing it makes every existing cookie and key unreadable.");
        return new KeyEncryptionKey(bytes[..KeyBytes]);
    }
}

/// The key-encryption key, and a short public id so a node holding another key can say so.
public sealed class KeyEncryptionKey(byte[] key)
{
    internal byte[] Bytes { get; } = key;
    public string Id { get; } = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
}

/// Seals one key's secret XML element: `<sealed keyId="…">base64(nonce | tag | ciphertext)</sealed>`.
public sealed class KeyRingEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    internal static readonly byte[] Context = Encoding.UTF8.GetBytes("unbuilt data protection key ring v1");

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[AesGcm.NonceByteSizes.MaxSize + AesGcm.TagByteSizes.MaxSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, AesGcm.NonceByteSizes.MaxSize);
        var tag = sealedBytes.AsSpan(nonce.Length, AesGcm.TagByteSizes.MaxSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key.Bytes, tag.Length))
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(nonce.Length + tag.Length), tag, Context);
        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement("sealed", new XAttribute("keyId", key.Id), Convert.ToBase64String(sealedBytes));
        return new EncryptedXmlInfo(element, typeof(KeyRingDecryptor));
    }
}
