namespace WeChatPay.Chain.Benchmarks.InBox;

/// <summary>The seed body of <c>POST v3/papay/sign/contracts/pre-entrust-sign</c>, the same as the harness's other styles send.</summary>
internal static class SeedBody
{
    public static readonly object Value = new
    {
        sign_scene = "SIGN_SCENE_APP",
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
            device_type = "DEVICE_TYPE_UNKNOW",
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
