using System.Security.Cryptography;
using System.Text;

namespace Unbuilt.Accounts;

/// API token secrets: 256 random bits, shown once; only their SHA-256 is stored, so a database leak leaks no token.
public static class TokenSecrets
{
    public const string Prefix = "ubt_";

    public static string New() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string RandomValue(int bytes = 32) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
