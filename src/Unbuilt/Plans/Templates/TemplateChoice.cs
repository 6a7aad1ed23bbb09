using System.Collections.Frozen;
using Unbuilt.Search;

namespace Unbuilt.Plans.Templates;

/// <summary>Which template a search result gets when the user names none. The category says what kind of gap it
/// is; the industry says what shape the business that fills it usually takes:
/// <code>
/// category        creator/media      hardware           services           anything else
/// market          content-platform   service-business   service-business   software-startup
/// technology      software-startup   physical-product   software-startup   software-startup
/// ux              content-platform   software-startup   software-startup   software-startup
/// business_model  content-platform   marketplace        marketplace        marketplace
/// </code>
/// A technology gap in a hardware industry is usually solved with a device (sensors, collars, kits); a market gap
/// in a service industry by people doing work; a business-model gap is most often a two-sided model. It is only a
/// starting point: the caller can always name the template.</summary>
public static class TemplateChoice
{
    private static readonly FrozenSet<string> Media = Industries(
        "Creator Economy", "Gaming", "Media", "Publishing", "Entertainment", "Music");

    private static readonly FrozenSet<string> Hardware = Industries(
        "Manufacturing", "Agriculture", "Construction", "Food", "Automotive", "Hardware", "Consumer Electronics");

    private static readonly FrozenSet<string> Services = Industries(
        "Health", "Mental Health", "Elder Care", "Parenting", "Pets", "Legal", "HR", "Real Estate", "Hospitality",
        "Travel", "Logistics", "Climate", "Energy", "Education", "Sports", "Nonprofits", "Security",
        "Accessibility", "Retail");

    public static string IdFor(string category, string? industry)
    {
        var kind = GapCategories.All.FirstOrDefault(c => string.Equals(c, category.Trim(), StringComparison.OrdinalIgnoreCase));
        var sector = industry?.Trim() ?? "";
        var media = Media.Contains(sector);
        var hardware = Hardware.Contains(sector);
        return kind switch
        {
            GapCategories.Technology when hardware => PlanTemplates.PhysicalProduct,
            GapCategories.Technology => PlanTemplates.SoftwareStartup,
            _ when media => PlanTemplates.ContentPlatform,
            GapCategories.BusinessModel => PlanTemplates.Marketplace,
            GapCategories.Market when hardware || Services.Contains(sector) => PlanTemplates.ServiceBusiness,
            _ => PlanTemplates.SoftwareStartup,
        };
    }

    private static FrozenSet<string> Industries(params string[] names) =>
        names.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
