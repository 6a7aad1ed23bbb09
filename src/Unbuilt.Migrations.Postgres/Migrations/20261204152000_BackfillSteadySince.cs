using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Unbuilt.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class BackfillSteadySince : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Flags already off, or at 100 % for every tier, when steady_since came in had it empty until their next
            // change, so "ready to remove" never came for a flag nobody touched again. Their last change is the latest
            // they can have settled, so the wait counts from there (never sooner than it should). "Steady" is
            // FlagEdit.SteadyKind's rule as of this migration: off, or on at 100 % with no tier limit.
            migrationBuilder.Sql(
                "UPDATE feature_flags SET steady_since = updated_at " +
                "WHERE steady_since IS NULL AND (NOT enabled OR (rollout_percentage = 100 AND jsonb_array_length(allowed_tiers) = 0))");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
