using System.Globalization;

namespace Unbuilt.LoadTest;

/// The CPU time of every process named `postgres` on this machine (the postmaster and each backend, whatever cluster
/// they serve), or of one cluster's (its postmaster, named by its PID, and the postmaster's children), from Linux's
/// /proc/{pid}/stat: user and system time, plus the time of children already reaped, so a backend that exits during
/// the window is still counted (its time moves to the postmaster's). Null where there is no /proc (not Linux) or no
/// such process is visible.
public static class DatabaseCpu
{
    /// /proc counts in USER_HZ ticks, which Linux fixes at 100 a second for user space on every architecture it
    /// ships (`getconf CLK_TCK`).
    public const double TicksPerSecond = 100;

    public const string ProcessName = "postgres";

    /// The seconds all postgres processes (or <paramref name="postmaster"/> and its children) have used so far, and how
    /// many there are.
    public static (double Seconds, int Processes)? Read(string proc = "/proc", int? postmaster = null)
    {
        string[] folders;
        try
        {
            folders = Directory.GetDirectories(proc);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        long ticks = 0;
        var processes = 0;
        foreach (var folder in folders)
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out _)) continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // it exited while we looked
            }
            if (Ticks(stat, postmaster) is { } used)
            {
                ticks += used;
                processes++;
            }
        }
        return processes == 0 ? null : (ticks / TicksPerSecond, processes);
    }

    /// utime + stime + cutime + cstime of a postgres process's stat line (with <paramref name="postmaster"/>: only
    /// that process or one of its children), or null for another process. The name sits in parentheses and may hold
    /// spaces or parentheses itself, so the fields are counted after the last ')'.
    public static long? Ticks(string stat, int? postmaster = null)
    {
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open || stat[(open + 1)..close] != ProcessName) return null;
        // After the name: state (field 3), parent (4), …, utime (14), stime (15), cutime (16), cstime (17).
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 15) return null;
        if (postmaster is { } root && !(Pid(stat[..open]) == root || Pid(fields[1]) == root)) return null;
        long total = 0;
        for (var i = 11; i <= 14; i++)
        {
            if (!long.TryParse(fields[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return null;
            total += Math.Max(0, value);
        }
        return total;
    }

    private static int? Pid(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
}
