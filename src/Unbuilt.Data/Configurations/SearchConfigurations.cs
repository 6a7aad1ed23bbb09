using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unbuilt.Data.Accounts;
using Unbuilt.Data.Search;

namespace Unbuilt.Data.Configurations;

internal sealed class SearchRecordConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<SearchRecord>
{
    public void Configure(EntityTypeBuilder<SearchRecord> search)
    {
        search.ToTable("searches");
        search.Property(s => s.Query).HasMaxLength(500);
        search.Property(s => s.CreatedAt).HasDefaultValueSql(dialect.Now);
        search.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        search.HasMany(s => s.Results).WithOne().HasForeignKey(r => r.SearchId).OnDelete(DeleteBehavior.Cascade);
        // The monthly quota counts a user's searches since the first of the month; the list is newest first.
        search.HasIndex(s => new { s.UserId, s.CreatedAt });
    }
}

internal sealed class SearchResultRecordConfiguration : IEntityTypeConfiguration<SearchResultRecord>
{
    public void Configure(EntityTypeBuilder<SearchResultRecord> result)
    {
        result.ToTable("search_results");
        result.Property(r => r.SourceId).HasMaxLength(200);
        result.Property(r => r.Title).HasMaxLength(300);
        result.Property(r => r.Description).HasColumnType("text");
        result.Property(r => r.Category).HasMaxLength(30);
        result.Property(r => r.Industry).HasMaxLength(100);
        result.Property(r => r.Feasibility).HasMaxLength(20);
        result.Property(r => r.MarketPotential).HasMaxLength(20);
        result.Property(r => r.MarketSize).HasMaxLength(50);
        result.Property(r => r.TargetAudience).HasMaxLength(300);
        result.Property(r => r.GapReason).HasColumnType("text");
        result.HasIndex(r => new { r.SearchId, r.Rank });
    }
}
