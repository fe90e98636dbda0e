namespace WeChatPay.Chain.ApiV2;

/// <summary>What <see cref="ApiV2Answer.Judge"/> makes of an APIv2 answer: accepted, or the one step that refused it.</summary>
internal enum ApiV2AnswerVerdict
{
    /// <summary><c>return_code</c> and (when given) <c>result_code</c> are SUCCESS, and the sign verifies (or the operation answers without one).</summary>
    Accepted,

    /// <summary><c>return_code</c> is missing or not SUCCESS: a communication-level failure, reported by <c>return_msg</c>; it carries no sign.</summary>
    ReturnCode,

    /// <summary><c>result_code</c> is not SUCCESS: a business failure, reported by <c>err_code</c> and <c>err_code_des</c>.</summary>
    ResultCode,

    /// <summary>The <c>sign</c> is missing or is not the sign of the other fields by the request's sign type.</summary>
    Sign,
}
