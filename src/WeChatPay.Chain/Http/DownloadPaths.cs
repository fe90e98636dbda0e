using System;

namespace WeChatPay.Chain.Http
{
    /// <summary>The documented file downloads: their answers carry no signature, so verification skips them.</summary>
    internal static class DownloadPaths
    {
        // "*" stands for one path value.
        private static readonly string[][] Patterns =
        {
            new[] { "v3", "billdownload", "file" },
            new[] { "v3", "statements" },
            new[] { "v3", "global", "statements" },
            new[] { "v3", "merchant-service", "images", "*" },
            new[] { "v3", "global", "merchant-service", "images", "*" },
            new[] { "v3", "new-tax-control-fapiao", "download" },
            new[] { "v3", "transferdownload", "signfile" },
            new[] { "v3", "transferdownload", "elecvoucherfile" },
        };

        /// <summary>True when <paramref name="path"/> (no leading slash, no query) is a GET of a documented download.</summary>
        public static bool IsDownload(string method, string path)
        {
            if (!string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase)) return false;
            var segments = path.TrimStart('/').Split('/');
            foreach (var pattern in Patterns)
            {
                if (pattern.Length != segments.Length) continue;
                var match = true;
                for (var i = 0; i < pattern.Length && match; i++)
                    match = pattern[i] == "*" ? segments[i].Length > 0 : string.Equals(pattern[i], segments[i], StringComparison.Ordinal);
                if (match) return true;
            }
            return false;
        }
    }
}
