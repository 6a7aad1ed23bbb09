using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Unbuilt.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RolloutSchedule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "auto_advance_until",
                table: "feature_flags",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "auto_advance_until",
                table: "feature_flags");
        }
    }
}
