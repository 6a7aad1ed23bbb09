using Microsoft.AspNetCore.DataProtection;

namespace Unbuilt.Webhooks;

/// A webhook's secret and PagerDuty routing key are sealed with the app's data protection keys (themselves sealed by
/// the key ring), so a copy of the database alone does not give them away. The API never sends them back.
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Unbuilt.Webhooks.v1");

    public string? Seal(string? value) => string.IsNullOrEmpty(value) ? null : protector.Protect(value);

    public string? Open(string? sealedValue) => sealedValue is null ? null : protector.Unprotect(sealedValue);
}
