using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Unbuilt.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: true);

            // Rows written before this column kept the status in their metadata JSON.
            migrationBuilder.Sql("UPDATE analytics_events SET status_code = CAST(json_extract(metadata, '$.status') AS INTEGER) WHERE status_code IS NULL AND json_valid(metadata) AND json_extract(metadata, '$.status') IS NOT NULL;");

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
