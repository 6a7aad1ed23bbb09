using Unbuilt.Api;

namespace Unbuilt.Plans.Phases;

/// The limits on a phase's fields: name 1–200 (the column's size), description up to 2000.
public static class PhaseFields
{
    public const int NameMax = 200;
    public const int DescriptionMax = 2000;

    public static FieldErrors Check(string? name, bool nameRequired, string? description)
    {
        var errors = new FieldErrors();
        if (nameRequired || name is not null) errors.Required("name", name, NameMax);
        return errors.Optional("description", description, DescriptionMax);
    }
}
