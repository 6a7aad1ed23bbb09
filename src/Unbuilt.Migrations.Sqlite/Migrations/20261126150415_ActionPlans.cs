using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Unbuilt.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ActionPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    method = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    path = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status_code = table.Column<int>(type: "INTEGER", nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    response_body = table.Column<string>(type: "text", nullable: true),
                    response_headers = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_idempotency_records_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "searches",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    query = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_searches", x => x.id);
                    table.ForeignKey(
                        name: "fk_searches_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "search_results",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    search_id = table.Column<int>(type: "INTEGER", nullable: false),
                    rank = table.Column<int>(type: "INTEGER", nullable: false),
                    source_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    industry = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    innovation_score = table.Column<int>(type: "INTEGER", nullable: false),
                    feasibility = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    market_potential = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    market_size = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    target_audience = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    gap_reason = table.Column<string>(type: "text", nullable: false),
                    confidence = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_search_results", x => x.id);
                    table.ForeignKey(
                        name: "fk_search_results_searches_search_id",
                        column: x => x.search_id,
                        principalTable: "searches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "action_plans",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    search_id = table.Column<int>(type: "INTEGER", nullable: true),
                    search_result_id = table.Column<int>(type: "INTEGER", nullable: true),
                    template_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    total_tasks = table.Column<int>(type: "INTEGER", nullable: false),
                    completed_tasks = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP"),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP"),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_action_plans", x => x.id);
                    table.CheckConstraint("ck_action_plans_status", "status IN ('active', 'completed', 'archived')");
                    table.ForeignKey(
                        name: "fk_action_plans_search_results_search_result_id",
                        column: x => x.search_result_id,
                        principalTable: "search_results",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_action_plans_searches_search_id",
                        column: x => x.search_id,
                        principalTable: "searches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_action_plans_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_members",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    plan_id = table.Column<int>(type: "INTEGER", nullable: false),
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    added_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_members_action_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "action_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_plan_members_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_operations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    plan_id = table.Column<int>(type: "INTEGER", nullable: false),
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    operation_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    undoable = table.Column<bool>(type: "INTEGER", nullable: false),
                    target_operation_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    undone = table.Column<bool>(type: "INTEGER", nullable: false),
                    plan_version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_operations", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_operations_action_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "action_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_phases",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    plan_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    position = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    estimated_duration = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_phases", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_phases_action_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "action_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_progress_snapshots",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    plan_id = table.Column<int>(type: "INTEGER", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    total_tasks = table.Column<int>(type: "INTEGER", nullable: false),
                    completed_tasks = table.Column<int>(type: "INTEGER", nullable: false),
                    skipped_tasks = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_progress_snapshots", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_progress_snapshots_action_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "action_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "task_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    plan_id = table.Column<int>(type: "INTEGER", nullable: false),
                    task_id = table.Column<int>(type: "INTEGER", nullable: true),
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    previous_state = table.Column<string>(type: "text", nullable: true),
                    new_state = table.Column<string>(type: "text", nullable: true),
                    plan_version = table.Column<int>(type: "INTEGER", nullable: false),
                    operation_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    reverts_operation_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    is_undo = table.Column<bool>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    timestamp = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_history", x => x.id);
                    table.ForeignKey(
                        name: "fk_task_history_action_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "action_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_tasks",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    plan_id = table.Column<int>(type: "INTEGER", nullable: false),
                    phase_id = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    position = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    estimated_time = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    resources = table.Column<string>(type: "TEXT", nullable: false, defaultValueSql: "'[]'"),
                    due_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    assignee_id = table.Column<int>(type: "INTEGER", nullable: true),
                    is_custom = table.Column<bool>(type: "INTEGER", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    completed_by = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP"),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP"),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_tasks", x => x.id);
                    table.CheckConstraint("ck_plan_tasks_status", "status IN ('not_started', 'in_progress', 'completed', 'skipped')");
                    table.ForeignKey(
                        name: "fk_plan_tasks_action_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "action_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_plan_tasks_plan_phases_phase_id",
                        column: x => x.phase_id,
                        principalTable: "plan_phases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_plan_tasks_users_assignee_id",
                        column: x => x.assignee_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_plan_tasks_users_completed_by",
                        column: x => x.completed_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "task_dependencies",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    plan_id = table.Column<int>(type: "INTEGER", nullable: false),
                    task_id = table.Column<int>(type: "INTEGER", nullable: false),
                    prerequisite_task_id = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_dependencies", x => x.id);
                    table.CheckConstraint("ck_task_dependencies_not_self", "task_id <> prerequisite_task_id");
                    table.ForeignKey(
                        name: "fk_task_dependencies_action_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "action_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_task_dependencies_plan_tasks_prerequisite_task_id",
                        column: x => x.prerequisite_task_id,
                        principalTable: "plan_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_task_dependencies_plan_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "plan_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_action_plans_created_at",
                table: "action_plans",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_action_plans_search_id",
                table: "action_plans",
                column: "search_id");

            migrationBuilder.CreateIndex(
                name: "ix_action_plans_search_result_id",
                table: "action_plans",
                column: "search_result_id");

            migrationBuilder.CreateIndex(
                name: "ux_action_plans_active_result",
                table: "action_plans",
                columns: new[] { "user_id", "search_result_id" },
                unique: true,
                filter: "status = 'active'");

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_records_created_at",
                table: "idempotency_records",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_records_user_id_key",
                table: "idempotency_records",
                columns: new[] { "user_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_members_plan_id_user_id",
                table: "plan_members",
                columns: new[] { "plan_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_members_user_id",
                table: "plan_members",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_operations_plan_id_operation_id",
                table: "plan_operations",
                columns: new[] { "plan_id", "operation_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_operations_plan_id_plan_version",
                table: "plan_operations",
                columns: new[] { "plan_id", "plan_version" });

            migrationBuilder.CreateIndex(
                name: "ix_plan_operations_plan_id_user_id_id",
                table: "plan_operations",
                columns: new[] { "plan_id", "user_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_plan_phases_plan_id_position_id",
                table: "plan_phases",
                columns: new[] { "plan_id", "position", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_plan_progress_snapshots_plan_id_day",
                table: "plan_progress_snapshots",
                columns: new[] { "plan_id", "day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_tasks_assignee_id",
                table: "plan_tasks",
                column: "assignee_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_tasks_completed_by",
                table: "plan_tasks",
                column: "completed_by");

            migrationBuilder.CreateIndex(
                name: "ix_plan_tasks_created_at",
                table: "plan_tasks",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_plan_tasks_phase_id",
                table: "plan_tasks",
                column: "phase_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_tasks_plan_id_phase_id_position_id",
                table: "plan_tasks",
                columns: new[] { "plan_id", "phase_id", "position", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_search_results_search_id_rank",
                table: "search_results",
                columns: new[] { "search_id", "rank" });

            migrationBuilder.CreateIndex(
                name: "ix_searches_user_id_created_at",
                table: "searches",
                columns: new[] { "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_task_dependencies_plan_id",
                table: "task_dependencies",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_task_dependencies_prerequisite_task_id",
                table: "task_dependencies",
                column: "prerequisite_task_id");

            migrationBuilder.CreateIndex(
                name: "ix_task_dependencies_task_id_prerequisite_task_id",
                table: "task_dependencies",
                columns: new[] { "task_id", "prerequisite_task_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_task_history_plan_id_operation_id",
                table: "task_history",
                columns: new[] { "plan_id", "operation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_task_history_plan_id_plan_version",
                table: "task_history",
                columns: new[] { "plan_id", "plan_version" });

            migrationBuilder.CreateIndex(
                name: "ix_task_history_task_id",
                table: "task_history",
                column: "task_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "plan_members");

            migrationBuilder.DropTable(
                name: "plan_operations");

            migrationBuilder.DropTable(
                name: "plan_progress_snapshots");

            migrationBuilder.DropTable(
                name: "task_dependencies");

            migrationBuilder.DropTable(
                name: "task_history");

            migrationBuilder.DropTable(
                name: "plan_tasks");

            migrationBuilder.DropTable(
                name: "plan_phases");

            migrationBuilder.DropTable(
                name: "action_plans");

            migrationBuilder.DropTable(
                name: "search_results");

            migrationBuilder.DropTable(
                name: "searches");
        }
    }
}
