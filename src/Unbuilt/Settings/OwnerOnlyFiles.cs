namespace Unbuilt.Settings;

/// The data directory holds the database, the key-encryption key and the admin token: on Unix only the account the
/// app runs as may read it. On other systems the modes do not exist and these calls only create what is missing.
public static class OwnerOnlyFiles
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// Creates the directory as 0700, or takes group and other access away from one that exists already (an
    /// installation from before this rule, or one made by hand).
    public static void EnsureDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        if (!Directory.Exists(path)) Directory.CreateDirectory(path, DirectoryMode);
        else if ((File.GetUnixFileMode(path) & ~DirectoryMode) != 0) File.SetUnixFileMode(path, DirectoryMode);
    }

    /// Creates an empty file as 0600 if it is missing, and narrows an existing one to 0600.
    public static void EnsureFile(string path)
    {
        if (!File.Exists(path))
        {
            var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
            try
            {
                using var _ = new FileStream(path, options);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it between the check and the open; narrow it below like any other.
            }
        }
        Restrict(path);
    }

    /// Narrows an existing file to 0600; a missing one is left missing.
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && (File.GetUnixFileMode(path) & ~FileMode) != 0)
            File.SetUnixFileMode(path, FileMode);
    }

    /// Writes a new file that is 0600 from the moment it exists; fails if the file is already there.
    public static void CreateNew(string path, string contents)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(contents);
    }
}
