using System;
using System.IO;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Files;

/// <summary>A file written whole or not at all: into <c>path.partial</c>, moved over <c>path</c> only once complete and checked.</summary>
internal static class FileTarget
{
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or its directory does not exist.</exception>
    public static async Task<T> WriteAsync<T>(string path, Func<Stream, Task<T>> write)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("Give the path of the file to write.", nameof(path));
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
            throw new ArgumentException($"The directory of {path} does not exist: create it first.", nameof(path));
        var partial = full + ".partial";
        T result;
        try
        {
            using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                result = await write(file).ConfigureAwait(false);
        }
        catch
        {
            // Nothing is left that could be taken for the file.
            File.Delete(partial);
            throw;
        }
        if (File.Exists(full)) File.Replace(partial, full, null);
        else File.Move(partial, full);
        return result;
    }
}
