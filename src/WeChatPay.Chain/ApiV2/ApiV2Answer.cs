using System;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.ApiV2;

/// <summary>The verdict on an APIv2 answer and on a signed APIv2 notification.</summary>
internal static class ApiV2Answer
{
    /// <summary>The value of <c>return_code</c> and <c>result_code</c> on success.</summary>
    public const string Success = "SUCCESS";

    /// <summary>
    /// Judges an answer in the documented order: <c>return_code</c> (missing or not SUCCESS: <see cref="ApiV2AnswerVerdict.ReturnCode"/>;
    /// such an answer carries no sign, so nothing is verified), then <c>result_code</c> when the answer has one (not SUCCESS:
    /// <see cref="ApiV2AnswerVerdict.ResultCode"/>, whatever its sign), then, unless the operation answers without a sign, the
    /// <c>sign</c> by <paramref name="requestSignType"/> (<see cref="ApiV2AnswerVerdict.Sign"/> when it does not verify).
    /// </summary>
    /// <remarks>
    /// The sign type is the one the request was signed with (HMAC-SHA256 when the request said so, else MD5), never guessed from
    /// the answer: the reference plugin takes a 64-hex sign for HMAC-SHA256 and anything else for MD5, which lets an answer
    /// choose the weaker type; here an MD5 sign on the answer to an HMAC-SHA256 request does not verify.
    /// </remarks>
    /// <param name="answer">The answer's fields.</param>
    /// <param name="apiV2Key">The APIv2 key.</param>
    /// <param name="requestSignType">The sign type of the request this answers.</param>
    /// <param name="signless">Whether the operation is documented to answer without a sign (<see cref="V2SignlessOperations"/>).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The key is not an APIv2 key.</exception>
    public static ApiV2AnswerVerdict Judge(ApiV2Fields answer, string apiV2Key, ApiV2SignType requestSignType, bool signless)
    {
        if (answer is null) throw new ArgumentNullException(nameof(answer));
        ApiV2Key.Check(apiV2Key, nameof(apiV2Key));
        if (!string.Equals(answer.ValueOf("return_code"), Success, StringComparison.Ordinal)) return ApiV2AnswerVerdict.ReturnCode;
        var result = answer.ValueOf("result_code");
        if (result is not null && !string.Equals(result, Success, StringComparison.Ordinal)) return ApiV2AnswerVerdict.ResultCode;
        if (signless) return ApiV2AnswerVerdict.Accepted;
        return ApiV2Signature.Verify(answer, apiV2Key, requestSignType) ? ApiV2AnswerVerdict.Accepted : ApiV2AnswerVerdict.Sign;
    }

    /// <summary>
    /// Whether a signed notification (a payment result, …) is authentic: its <c>sign</c> verifies by the type its own
    /// <c>sign_type</c> names (MD5 when absent). A <c>sign_type</c> naming neither type makes it not authentic, not an error:
    /// the notification is the sender's text. Refund notifications carry no sign: their <c>req_info</c> is their proof.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The key is not an APIv2 key.</exception>
    public static bool IsAuthenticNotification(ApiV2Fields notification, string apiV2Key)
    {
        if (notification is null) throw new ArgumentNullException(nameof(notification));
        ApiV2Key.Check(apiV2Key, nameof(apiV2Key));
        ApiV2SignType type;
        try
        {
            type = ApiV2Signature.SignTypeOf(notification);
        }
        catch (ArgumentException)
        {
            return false;
        }
        return ApiV2Signature.Verify(notification, apiV2Key, type);
    }
}
