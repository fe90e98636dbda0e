using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain;

/// <summary>
/// The base of every typed request and answer (the package <c>WeChatPay.Chain.Models</c>), and the answer of an operation that
/// documents none: fields the type does not declare are kept in <see cref="AdditionalData"/>, so that a field WeChat Pay adds is
/// never lost, and a request can send one the documentation does not list yet.
/// </summary>
public class WeChatPayModel
{
    /// <summary>
    /// The JSON fields this type does not declare, by name: read from an answer as they came, written into a request's body as
    /// given. Null until one is read or set.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JToken>? AdditionalData { get; set; }
}
