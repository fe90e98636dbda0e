using System.Collections.Generic;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Http
{
    /// <summary>A call ready to sign and send: expanded path, query, headers, the body text, and what was encrypted.</summary>
    internal sealed class PreparedCall
    {
        public PreparedCall(string relativePath, List<KeyValuePair<string, object?>> query)
        {
            RelativePath = relativePath;
            Query = query;
        }

        /// <summary>The expanded path below the base URL, without leading slash.</summary>
        public string RelativePath { get; }

        /// <summary>The query parameters, in order (sensitive ones already encrypted).</summary>
        public List<KeyValuePair<string, object?>> Query { get; }

        /// <summary>Extra request headers.</summary>
        public List<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>The exact body text to send, or null for none.</summary>
        public string? Body { get; set; }

        /// <summary>The documented operation, when the catalog knows it.</summary>
        public CatalogOperation? Operation { get; set; }

        /// <summary>Whether automatic encryption and decryption apply to this call.</summary>
        public bool AutoEncryption { get; set; }

        /// <summary>The concrete paths of the fields this call encrypted (<c>identity.real_name</c>, <c>query.account_number</c>).</summary>
        public List<string> EncryptedFields { get; } = new List<string>();
    }
}
