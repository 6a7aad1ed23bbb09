using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Unbuilt.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FlagLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "archived_at",
                table: "feature_flags",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_evaluated_at",
                table: "feature_flags",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "steady_since",
                table: "feature_flags",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "target",
                table: "feature_flag_changes",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "target_user_id",
                table: "feature_flag_changes",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "archived_at",
                table: "feature_flags");

            migrationBuilder.DropColumn(
                name: "last_evaluated_at",
                table: "feature_flags");

            migrationBuilder.DropColumn(
                name: "steady_since",
                table: "feature_flags");

            migrationBuilder.DropColumn(
                name: "target",
                table: "feature_flag_changes");

            migrationBuilder.DropColumn(
                name: "target_user_id",
                table: "feature_flag_changes");
        }
    }
}
