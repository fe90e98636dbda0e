using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Sandbox;

/// <content>
/// The v2 bills (<see cref="SandboxV2Bills"/>): a request that passed every v2 check is answered with its bill, streamed as
/// it is generated and never signed (WeChat Pay signs no bill), or with the XML that says why there is none — downloadbill
/// in its own form (<c>return_code</c> FAIL, <c>return_msg</c>, and <c>error_code</c> <c>20002</c> for a missing bill),
/// downloadfundflow as <c>result_code</c> FAIL with <c>err_code</c> (<c>NO_BILL_EXIST</c>, <c>PARAM_ERROR</c>); both HTTP 200.
/// </content>
internal sealed partial class SandboxServer
{
    private Answer V2Bill(CallRecord record, CatalogOperation operation, IReadOnlyDictionary<string, string> fields, string signType, string shortPath)
    {
        if (SandboxV2Bills.Judge(shortPath, fields, signType, _clock.GetUtcNow(), Bills.Size, _keys.MerchantId, out var refusal) is { } bill)
            return new Answer(200, null, null, V2Bill: bill);
        var check = refusal!.Missing ? (SandboxCheck?)null : SandboxCheck.Parameters;
        if (shortPath == SandboxV2Bills.FundPath)
            return ResultFail(record, operation, fields, signType, refusal.Code, refusal.Message, check, refusal.Field);
        record.Rejection = new Rejection(200, refusal.Code, refusal.Message, check, refusal.Field);
        var xml = SandboxV2Answers.ReturnFail(refusal.Message);
        if (refusal.Missing) xml.Add(new("error_code", refusal.Code));
        return new Answer(200, null, null, Xml: SandboxV2Xml.Write(xml));
    }

    // A v2 bill, streamed as it is generated (no Content-Length: gzip is compressed on the way), with no sign of any kind.
    private static async Task WriteV2BillAsync(HttpContext context, SandboxV2Bills.Bill bill)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = bill.Gzip ? "application/x-gzip" : "text/plain; charset=utf-8";
        await SandboxV2Bills.WriteAsync(bill, response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
