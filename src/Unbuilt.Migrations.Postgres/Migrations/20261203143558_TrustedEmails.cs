using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Unbuilt.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TrustedEmails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "email_trusted",
                table: "users",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Accounts from before: nobody knows how each was made, so only admins (made or promoted by an admin) are
            // trusted; an admin can vouch for anyone else (users trust-email, PATCH /api/admin/users/{id}).
            migrationBuilder.Sql("UPDATE users SET email_trusted = TRUE WHERE role = 'admin'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "email_trusted",
                table: "users");
        }
    }
}
