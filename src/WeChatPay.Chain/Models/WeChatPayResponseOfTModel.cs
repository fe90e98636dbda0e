using System;
using Newtonsoft.Json;

namespace WeChatPay.Chain;

/// <summary>
/// A verified answer read as the operation's answer type: what a verb returns for a typed request
/// (<see cref="WeChatPayRequest{TAnswer}"/>). Everything of <see cref="WeChatPayResponse"/> is here too.
/// </summary>
/// <typeparam name="TModel">The answer type.</typeparam>
public sealed class WeChatPayResponse<TModel> : WeChatPayResponse
    where TModel : class
{
    private TModel? _model;
    private bool _read;

    internal WeChatPayResponse(WeChatPayResponse answer)
        : base(answer)
    {
    }

    /// <summary>
    /// The body as <typeparamref name="TModel"/>, read when first asked (merchant-key fields already decrypted, fields the type does
    /// not declare in its <see cref="WeChatPayModel.AdditionalData"/>); null for an empty body.
    /// </summary>
    /// <exception cref="InvalidOperationException">A field of the body does not fit its documented type; the call itself succeeded, and <see cref="WeChatPayResponse.Data"/> still reads it.</exception>
    public TModel? Model
    {
        get
        {
            if (_read) return _model;
            var json = Json;
            if (json is not null)
            {
                try
                {
                    _model = json.ToObject<TModel>(Shared.WeChatPayJson.Serializer);
                }
                catch (JsonException e)
                {
                    // Newtonsoft's message quotes the value, which may be a decrypted field: name the path only.
                    var path = e is JsonSerializationException s ? s.Path : e is JsonReaderException r ? r.Path : null;
                    throw new InvalidOperationException(
                        $"The answer's field {(string.IsNullOrEmpty(path) ? "(unknown)" : path)} does not fit {typeof(TModel).Name}; the call succeeded, and Data or Body still read the answer.");
                }
            }
            _read = true;
            return _model;
        }
    }
}
