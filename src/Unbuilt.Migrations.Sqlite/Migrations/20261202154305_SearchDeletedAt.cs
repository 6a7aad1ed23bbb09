using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Unbuilt.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchDeletedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "deleted_at",
                table: "searches",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "deleted_at",
                table: "searches");
        }
    }
}
