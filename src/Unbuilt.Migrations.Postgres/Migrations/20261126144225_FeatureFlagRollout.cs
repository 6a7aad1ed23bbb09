using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Unbuilt.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FeatureFlagRollout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "guard_policy",
                table: "feature_flags",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "alert");

            migrationBuilder.AddColumn<string>(
                name: "phase",
                table: "feature_flags",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "phase_started_at",
                table: "feature_flags",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rollout_plan",
                table: "feature_flags",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "feature_flag_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    feature_flag_id = table.Column<int>(type: "integer", nullable: true),
                    flag_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    actor_user_id = table.Column<int>(type: "integer", nullable: true),
                    actor = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true),
                    before = table.Column<string>(type: "jsonb", nullable: true),
                    after = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feature_flag_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_feature_flag_changes_feature_flags_feature_flag_id",
                        column: x => x.feature_flag_id,
                        principalTable: "feature_flags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_feature_flag_changes_users_actor_user_id",
                        column: x => x.actor_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_feature_flag_changes_actor_user_id",
                table: "feature_flag_changes",
                column: "actor_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_feature_flag_changes_created_at",
                table: "feature_flag_changes",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_feature_flag_changes_feature_flag_id_id",
                table: "feature_flag_changes",
                columns: new[] { "feature_flag_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feature_flag_changes");

            migrationBuilder.DropColumn(
                name: "guard_policy",
                table: "feature_flags");

            migrationBuilder.DropColumn(
                name: "phase",
                table: "feature_flags");

            migrationBuilder.DropColumn(
                name: "phase_started_at",
                table: "feature_flags");

            migrationBuilder.DropColumn(
                name: "rollout_plan",
                table: "feature_flags");
        }
    }
}
