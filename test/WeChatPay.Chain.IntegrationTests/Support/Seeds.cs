namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>The four seed operations and their payloads (the seed pages' values; the sensitive ones as plaintext).</summary>
internal static class Seeds
{
    public const string PresignPath = "v3/eduschoolpay/contracts/presign";
    public const string CombinePapayPath = "v3/ecommerce/combine-papay/contracts/pre-entrust-sign";
    public const string ScheduledDeductPath = "v3/papay/scheduled-deduct-sign/partner/contracts/pre-entrust-sign/jsapi";
    public const string PapaySignPath = "v3/papay/sign/contracts/pre-entrust-sign";

    // Made-up personal data: what must never reach a log.
    public const string RealName = "张三丰";
    public const string IdCardNumber = "110101199003074477";
    public const string BankCardNumber = "6214830100123456789";
    public const string Phone = "13800138000";

    public static object Presign(object? identity = null, object? bankCard = null) => new
    {
        appid = "wx8888888888888888",
        openid = "oUpF8uMuAJOM2pxb1Q",
        plan_id = "101164396123311331",
        user_id = "20200330tony",
        school_id = "18260256813396",
        out_contract_code = "20190806125346",
        contract_mode = "LIMIT_BANK_CARD",
        downgrade_default_contract = true,
        identity = identity ?? new { real_name = RealName, credential_type = "IDENTITY_CARD", id_card_number = IdCardNumber },
        bank_card = bankCard ?? new { bank_card_no = BankCardNumber, valid_thru = "08/21", phone = Phone, bank_type = "CMC" },
    };

    public static object CombinePapay() => new
    {
        appid = "wxcbda96de0b165486",
        plan_id = 12535,
        out_contract_code = "wxwtdk20200910100000",
        contract_display_account = "微信代扣用户A",
        notify_url = "https://yourapp.com/notify",
        return_app = true,
    };

    public static object ScheduledDeduct() => new
    {
        sp_appid = "wxcbda96de0b165486",
        sp_openid = "oUpF8uMuAJOM2pxb1Q9zNjWeS6o",
        sub_mchid = "1900000109",
        plan_id = 12535,
        out_contract_code = "wxwtdk20200910100000",
        contract_display_account = "微信代扣用户A",
        contract_notify_url = "https://yourapp.com/notify",
        out_user_code = "用户A",
        deduct_schedule = new
        {
            estimated_deduct_date = "2025-12-01",
            estimated_deduct_amount = new { total = 100, currency = "CNY" },
            description = "会员月费",
        },
    };

    public static object PapaySign(string signScene = "SIGN_SCENE_APP", string deviceType = "DEVICE_TYPE_UNKNOW") => new
    {
        sign_scene = signScene,
        appid = "wxd678efh567hg6787",
        openid = "oYobu0MVnQfWpSMOYJz2AHPG_gQw",
        plan_id = 12535,
        out_contract_code = "wxwtdk20200910100000",
        contract_display_account = "微信代扣用户A",
        contract_notify_url = "https://yourapp.com/notify",
        out_user_code = "用户A",
        return_url = "https://yourapp.com/notify",
        device_info = new
        {
            device_type = deviceType,
            device_os = "example_device_os",
            device_id = "example_device_id",
            device_running_as_root = true,
            device_ip = "example_device_ip",
            weixin_installed = true,
            weixin_version = "example_weixin_version",
            days_since_first_login = "DAYS_SINCE_FIRST_LOGIN_UNKNOW",
        },
    };
}
