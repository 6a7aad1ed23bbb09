using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Unbuilt.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AnalyticsStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "status_code",
                table: "analytics_events",
                type: "integer",
                nullable: true);

            // Rows written before this column kept the status in their metadata JSON.
            migrationBuilder.Sql("UPDATE analytics_events SET status_code = (metadata->>'status')::int WHERE status_code IS NULL AND metadata ? 'status' AND jsonb_typeof(metadata->'status') = 'number';");

            migrationBuilder.CreateIndex(
                name: "ix_analytics_events_timestamp",
                table: "analytics_events",
                column: "timestamp");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_analytics_events_timestamp",
                table: "analytics_events");

            migrationBuilder.DropColumn(
                name: "status_code",
                table: "analytics_events");
        }
    }
}
