using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Data.Configurations;

internal sealed class UserConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.ToTable("users");
        user.Property(u => u.Email).HasMaxLength(254);
        user.HasIndex(u => u.Email).IsUnique();
        user.Property(u => u.DisplayName).HasMaxLength(100);
        user.Property(u => u.Tier).HasConversion(LowercaseEnum.Converter<Tier>()).HasMaxLength(20);
        user.Property(u => u.Role).HasConversion(LowercaseEnum.Converter<Role>()).HasMaxLength(20);
        user.Property(u => u.CreatedAt).HasDefaultValueSql(dialect.Now);
        user.Property(u => u.EmailTrusted).HasDefaultValue(false);
    }
}

internal sealed class ApiTokenConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> token)
    {
        token.ToTable("api_tokens");
        token.Property(t => t.Name).HasMaxLength(100);
        token.Property(t => t.TokenHash).HasMaxLength(64);
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.Property(t => t.Prefix).HasMaxLength(16);
        token.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        token.Property(t => t.CreatedAt).HasDefaultValueSql(dialect.Now);
    }
}

internal sealed class UserSessionConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> session)
    {
        session.ToTable("user_sessions");
        session.Property(s => s.SecretHash).HasMaxLength(64);
        session.HasIndex(s => s.SecretHash).IsUnique();
        session.HasIndex(s => s.UserId);
        session.Property(s => s.UserAgent).HasMaxLength(200);
        session.Property(s => s.Address).HasMaxLength(64);
        session.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        session.Property(s => s.CreatedAt).HasDefaultValueSql(dialect.Now);
    }
}
