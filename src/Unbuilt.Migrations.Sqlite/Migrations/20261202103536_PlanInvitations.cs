using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Unbuilt.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PlanInvitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "plan_invitations",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    plan_id = table.Column<int>(type: "INTEGER", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_by = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP"),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    accepted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    accepted_by = table.Column<int>(type: "INTEGER", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_invitations", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_invitations_action_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "action_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_plan_invitations_users_accepted_by",
                        column: x => x.accepted_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_plan_invitations_users_created_by",
                        column: x => x.created_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_plan_invitations_accepted_by",
                table: "plan_invitations",
                column: "accepted_by");

            migrationBuilder.CreateIndex(
                name: "ix_plan_invitations_created_by",
                table: "plan_invitations",
                column: "created_by");

            migrationBuilder.CreateIndex(
                name: "ix_plan_invitations_expires_at",
                table: "plan_invitations",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_plan_invitations_plan_id",
                table: "plan_invitations",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_invitations_token_hash",
                table: "plan_invitations",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "plan_invitations");
        }
    }
}
