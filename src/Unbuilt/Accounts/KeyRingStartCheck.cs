using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Unbuilt.Cli;

namespace Unbuilt.Accounts;

/// Before a node serves: if the database holds cookie keys still in use and this node's key ring key opens none of
/// them, the node was given another key than the rest of the cluster. Started anyway, it would make a key of its own
/// that the other nodes cannot open either, and each side would refuse the other's cookies until keys rotate.
public static class KeyRingStartCheck
{
    public static void EnsureReadable(IServiceProvider services)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var inUse = services.GetRequiredService<IKeyManager>().GetAllKeys()
            .Where(k => !k.IsRevoked && k.ExpirationDate > now).ToList();
        if (inUse.Count == 0) return;
        Exception? why = null;
        foreach (var key in inUse)
        {
            try
            {
                _ = key.Descriptor; // opens the sealed key
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                why ??= e;
            }
        }
        var keyId = services.GetRequiredService<KeyEncryptionKey>().Id;
        throw new CliException(
            $"This node's key ring key ({keyId}) opens none of the {inUse.Count} cookie key(s) in the database: " +
            $"{why?.Message.TrimEnd('.')}. Start it with the key the other nodes use ({KeyRing.Section}:Key or :KeyFile; " +
            "on a single node, the data directory's keyring.key from your backup). If that key is lost, " +
            "`unbuilt keys rotate --yes` replaces the cookie keys, and everyone signs in again.");
    }
}
