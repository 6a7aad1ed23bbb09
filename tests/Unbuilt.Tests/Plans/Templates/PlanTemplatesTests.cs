using System.Text.RegularExpressions;
using Unbuilt.Plans.Templates;
using Unbuilt.Search;

namespace Unbuilt.Tests.Plans.Templates;

public sealed partial class PlanTemplatesTests
{
    [Fact]
    public void Five_templates_ship_with_the_default_first()
    {
        Assert.Equal(
            [("software-startup", "Software Startup"), ("physical-product", "Physical Product"), ("service-business", "Service Business"),
                ("content-platform", "Content Platform"), ("marketplace", "Marketplace")],
            PlanTemplates.All.Select(t => (t.Id, t.Name)));
        Assert.Same(PlanTemplates.Find("software-startup"), PlanTemplates.Default);
        Assert.Null(PlanTemplates.Find("franchise"));
    }

    [Fact]
    public void Every_template_has_four_phases_of_five_to_eight_complete_tasks()
    {
        Assert.All(PlanTemplates.All, template =>
        {
            Assert.False(string.IsNullOrWhiteSpace(template.Description));
            Assert.Equal(4, template.Phases.Count);
            Assert.All(template.Phases, phase =>
            {
                Assert.False(string.IsNullOrWhiteSpace(phase.Name));
                Assert.False(string.IsNullOrWhiteSpace(phase.Description));
                Assert.Matches(Duration(), phase.EstimatedDuration);
                Assert.InRange(phase.Tasks.Count, 5, 8);
                Assert.All(phase.Tasks, task =>
                {
                    Assert.InRange(task.Title.Length, 1, 120);
                    Assert.False(string.IsNullOrWhiteSpace(task.Description), task.Title);
                    Assert.Matches(Duration(), task.EstimatedTime);
                    Assert.NotEmpty(task.Resources);
                    Assert.All(task.Resources, r => Assert.False(string.IsNullOrWhiteSpace(r), task.Title));
                });
            });
        });
    }

    [Fact]
    public void Templates_use_only_the_two_placeholders_and_each_uses_both()
    {
        Assert.All(PlanTemplates.All, template =>
        {
            var placeholders = Texts(template).SelectMany(text => AnyPlaceholder().Matches(text).Select(m => m.Value)).ToHashSet();
            Assert.Equal(["{audience}", "{title}"], placeholders.Order());
        });
    }

    [Fact]
    public void Tailoring_fills_every_placeholder_and_keeps_task_titles_within_200_characters()
    {
        var longest = GapCatalogue.Shipped.Entries.MaxBy(e => e.Title.Length + e.TargetAudience.Length)!;

        Assert.All(PlanTemplates.All, template =>
        {
            var tailored = PlanTemplates.Tailor(template, longest.Title, longest.TargetAudience);
            Assert.All(Texts(tailored), text => Assert.DoesNotContain("{", text));
            Assert.Contains(Texts(tailored), text => text.Contains(longest.Title, StringComparison.Ordinal));
            Assert.Contains(Texts(tailored), text => text.Contains(longest.TargetAudience, StringComparison.Ordinal));
            Assert.All(tailored.Phases.SelectMany(p => p.Tasks), task => Assert.InRange(task.Title.Length, 1, 200));
        });
    }

    [Fact]
    public void Fill_capitalises_a_value_that_starts_a_sentence_only()
    {
        Assert.Equal("Gig workers first. Then ask gig workers about Tax Pal!",
            PlanTemplates.Fill("{audience} first. Then ask {audience} about {title}!", "Tax Pal", "gig workers"));
    }

    [Fact]
    public void Fill_replaces_in_one_pass_and_falls_back_when_a_value_is_blank()
    {
        Assert.Equal("Pitch {audience} to people", PlanTemplates.Fill("Pitch {title} to {audience}", "{audience}", "people"));
        Assert.Equal("Pitch your idea to your target customers", PlanTemplates.Fill("Pitch {title} to {audience}", " ", ""));
    }

    private static IEnumerable<string> Texts(PlanTemplate template) =>
        template.Phases.SelectMany(p => new[] { p.Name, p.Description }
            .Concat(p.Tasks.SelectMany(t => new[] { t.Title, t.Description }.Concat(t.Resources))))
            .Prepend(template.Description);

    [GeneratedRegex(@"^\d+ (hour|day|week)s?( per week)?$")]
    private static partial Regex Duration();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex AnyPlaceholder();
}
