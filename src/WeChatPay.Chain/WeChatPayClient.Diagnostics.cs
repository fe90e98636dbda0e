using System;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain;

/// <content>The doctor: the configuration checked item by item and against WeChat Pay, and the public-key migration report.</content>
public sealed partial class WeChatPayClient
{
    /// <summary>
    /// How far the move from platform certificates to the WeChat Pay public key has got, counted since this client started:
    /// which kind of key verified each answer and callback, which each request named in <c>Wechatpay-Serial</c>, the
    /// certificate downloads, and the step still missing (docs/public-key-migration.md).
    /// </summary>
    public WeChatPayMigrationSnapshot Migration => _setup.Migration.Snapshot(_setup.PlatformKeys.Current.ConfiguredIds, _setup.PublicKeysOnly);

    /// <summary>
    /// Checks this client's configuration item by item (the merchant key's format, size and scheme, the merchant certificate,
    /// the platform keys and their expiry, the APIv3 and APIv2 keys), then against <see cref="BaseUrl"/>: the APIv3 key on the
    /// certificate list when there is one, one cheap signed GET (signature accepted, answer verified, which key signed it,
    /// the clock's distance from WeChat Pay's), the APIv2 key and client certificate, the backup domain; and adds the
    /// migration report. Every check says what to do; nothing in the report is key material (docs/doctor.md).
    /// </summary>
    /// <param name="cancellationToken">Cancels the online checks.</param>
    public Task<WeChatPayDiagnosis> DiagnoseAsync(CancellationToken cancellationToken) => Diagnostics.Doctor.RunAsync(this, cancellationToken);

    /// <summary><see cref="DiagnoseAsync(CancellationToken)"/> without cancellation.</summary>
    public Task<WeChatPayDiagnosis> DiagnoseAsync() => Diagnostics.Doctor.RunAsync(this, CancellationToken.None);

    /// <summary>
    /// <see cref="DiagnoseAsync(CancellationToken)"/> for options that may not build a client: every offline check runs, so
    /// that every mistake is named at once (the constructor stops at the first); the online checks run when the options
    /// build a client, which is disposed afterwards.
    /// </summary>
    /// <param name="options">The options to check.</param>
    /// <param name="cancellationToken">Cancels the online checks.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static Task<WeChatPayDiagnosis> DiagnoseAsync(WeChatPayOptions options, CancellationToken cancellationToken) =>
        Diagnostics.Doctor.RunAsync(options, cancellationToken);

    /// <summary><see cref="DiagnoseAsync(WeChatPayOptions, CancellationToken)"/> without cancellation.</summary>
    /// <param name="options">The options to check.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static Task<WeChatPayDiagnosis> DiagnoseAsync(WeChatPayOptions options) => Diagnostics.Doctor.RunAsync(options, CancellationToken.None);
}
