namespace Unbuilt.Data.Plans;

public enum MemberRole { Owner, Editor, Viewer }

/// Who may see a plan, and what they may do with it. The owner has a row too.
public sealed class PlanMember
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public int UserId { get; set; }
    public MemberRole Role { get; set; }
    public DateTime AddedAt { get; set; }
}
