using System.Text.Json;
using System.Text.Json.Serialization;
using Unbuilt.FlagEngine;

namespace Unbuilt.FlagEngine.Tests;

/// Plans are configurable per flag: they read from plain JSON, and are validated as they are read.
public sealed class RolloutPlanJsonTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private const string DefaultPlanJson = """
        [
          { "name": "init", "enabled": false, "rolloutPercentage": 0 },
          { "name": "internal", "enabled": true, "rolloutPercentage": 0, "plannedDuration": "3.00:00:00",
            "healthGate": { "maxErrorRate": 0.001, "maxTaskUpdateP95Ms": 200 } },
          { "name": "beta", "enabled": true, "rolloutPercentage": 10, "allowedTiers": ["pro", "enterprise"],
            "plannedDuration": "7.00:00:00",
            "healthGate": { "maxErrorRate": 0.005, "maxTaskUpdateP95Ms": 200, "maxPlanLoadP95Ms": 1000 } },
          { "name": "expanded", "enabled": true, "rolloutPercentage": 50, "allowedTiers": ["pro", "enterprise"],
            "plannedDuration": "7.00:00:00",
            "healthGate": { "maxErrorRate": 0.005, "maxTaskUpdateP95Ms": 200, "maxPlanLoadP95Ms": 1000 } },
          { "name": "general", "enabled": true, "rolloutPercentage": 100, "allowedTiers": [] }
        ]
        """;

    [Fact]
    public void The_default_plan_reads_from_JSON()
    {
        var plan = new RolloutPlan(JsonSerializer.Deserialize<RolloutPhase[]>(DefaultPlanJson, Options)!);

        Assert.Equal(Describe(RolloutPlan.Default), Describe(plan));
    }

    [Fact]
    public void The_default_plan_round_trips_through_JSON()
    {
        string json = JsonSerializer.Serialize(RolloutPlan.Default.Phases, Options);

        var plan = new RolloutPlan(JsonSerializer.Deserialize<RolloutPhase[]>(json, Options)!);

        Assert.Equal(Describe(RolloutPlan.Default), Describe(plan));
        Assert.Contains("\"allowedTiers\":[\"pro\",\"enterprise\"]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_phase_in_JSON_is_rejected_as_it_is_read() =>
        Assert.ThrowsAny<ArgumentException>(() =>
            JsonSerializer.Deserialize<RolloutPhase[]>("""[{ "name": "beta", "enabled": true, "rolloutPercentage": 110 }]""", Options));

    private static string[] Describe(RolloutPlan plan) =>
        [.. plan.Phases.Select(p => $"{p} {p.PlannedDuration} {p.HealthGate}")];
}
