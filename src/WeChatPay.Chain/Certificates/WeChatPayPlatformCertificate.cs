using System;

namespace WeChatPay.Chain;

/// <summary>A WeChat Pay platform certificate from <c>GET v3/certificates</c>: decrypted, its serial checked, the answer verified.</summary>
public sealed class WeChatPayPlatformCertificate
{
    internal WeChatPayPlatformCertificate(string serialNumber, DateTimeOffset effectiveTime, DateTimeOffset expireTime, string pem)
    {
        SerialNumber = serialNumber;
        EffectiveTime = effectiveTime;
        ExpireTime = expireTime;
        Pem = pem;
    }

    /// <summary>The certificate serial number (<c>serial_no</c>), the id to configure it under in <see cref="WeChatPayOptions.PlatformKeys"/>.</summary>
    public string SerialNumber { get; }

    /// <summary>When WeChat Pay starts signing with it (<c>effective_time</c>).</summary>
    public DateTimeOffset EffectiveTime { get; }

    /// <summary>When it expires (<c>expire_time</c>).</summary>
    public DateTimeOffset ExpireTime { get; }

    /// <summary>The certificate as PEM text, exactly as decrypted.</summary>
    public string Pem { get; }

    /// <summary>The file name <see cref="WeChatPayClient.DownloadCertificatesAsync"/> callers conventionally save it under: <c>wechatpay_SERIAL.pem</c>.</summary>
    public string FileName => "wechatpay_" + SerialNumber + ".pem";

    /// <summary>
    /// Writes <see cref="Pem"/> to <see cref="FileName"/> in <paramref name="directory"/> (created when missing), replacing an
    /// older copy only once the new one is complete; returns the file's path. Configure it under <see cref="SerialNumber"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty.</exception>
    /// <exception cref="System.IO.IOException">The file could not be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
    public string SaveTo(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory)) throw new ArgumentException("Give the directory to save the certificate in.", nameof(directory));
        System.IO.Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, FileName);
        var partial = path + ".partial";
        System.IO.File.WriteAllText(partial, Pem, new System.Text.UTF8Encoding(false));
        if (System.IO.File.Exists(path)) System.IO.File.Replace(partial, path, null);
        else System.IO.File.Move(partial, path);
        return path;
    }

    /// <inheritdoc />
    public override string ToString() => $"{SerialNumber} (effective {EffectiveTime:yyyy-MM-dd}, expires {ExpireTime:yyyy-MM-dd})";
}
