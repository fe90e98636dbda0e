using System;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>What an assembly file is: IL alone, or precompiled (ReadyToRun) code beside its IL; and its module's id.</summary>
internal static class PeImage
{
    public static bool IsReadyToRun(byte[] assembly)
    {
        using var pe = new PEReader(new MemoryStream(assembly));
        return pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }

    public static Guid Mvid(byte[] assembly)
    {
        using var pe = new PEReader(new MemoryStream(assembly));
        var metadata = pe.GetMetadataReader();
        return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
    }
}
