using System.IO;
using Flurl.Http.Configuration;
using Newtonsoft.Json;

namespace WeChatPay.Chain.Http
{
    /// <summary>Flurl's serializer slot filled with the library's Newtonsoft settings (<see cref="WeChatPayJson.Settings"/>).</summary>
    internal sealed class NewtonsoftSerializer : ISerializer
    {
        /// <summary>The one instance.</summary>
        public static readonly NewtonsoftSerializer Instance = new NewtonsoftSerializer();

        private NewtonsoftSerializer() { }

        /// <inheritdoc />
        public string Serialize(object obj) => WeChatPayJson.Serialize(obj);

        /// <inheritdoc />
        public T Deserialize<T>(string s) => JsonConvert.DeserializeObject<T>(s, WeChatPayJson.Settings)!;

        /// <inheritdoc />
        public T Deserialize<T>(Stream stream)
        {
            using var reader = new JsonTextReader(new StreamReader(stream));
            return WeChatPayJson.Serializer.Deserialize<T>(reader)!;
        }
    }
}
