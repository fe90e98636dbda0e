// A C# script (Roslyn scripting): the sandbox started in process from its package, one call on the typed chain.
// Run by roslyn-host.cs; the value of the last expression is what the host prints. (A script's top level takes no
// `using var`: dispose by hand.)
var sandbox = await WeChatPaySandbox.StartAsync();
var wxpay = new WeChatPayClient(sandbox.ClientOptions());
var res = await wxpay.V3.Eduschoolpay.Contracts.Presign.PostAsync(new
{
    appid = "wx8888888888888888", openid = "oUpF8uMuAJOM2pxb1Q", plan_id = "101164396123311331", user_id = "20200330tony",
    school_id = "18260256813396", out_contract_code = "20190806125346",
    identity = new { real_name = "张三", credential_type = "IDENTITY_CARD", id_card_number = "11010519491231002X" },
    bank_card = new { bank_card_no = "6214830000000000", phone = "13800138000" },
});
string token = res.Data.presign_token;
var judged = sandbox.Calls.Last().DecryptedFields.Count;
wxpay.Dispose();
await sandbox.DisposeAsync();
$"presign_token={token} encrypted={string.Join(",", res.EncryptedFields)} judged={judged}"
