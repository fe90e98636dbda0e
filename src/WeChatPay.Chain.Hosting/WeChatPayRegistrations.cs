using System;
using System.Collections.Generic;
using System.Linq;

namespace WeChatPay.Chain.Hosting;

// The names AddWeChatPay registered, so that the factory refuses others and the validation checks only these.
internal sealed class WeChatPayRegistrations
{
    private readonly HashSet<string> _names;

    public WeChatPayRegistrations(IEnumerable<WeChatPayRegistration> registrations) =>
        _names = new HashSet<string>(registrations.Select(r => r.Name), StringComparer.Ordinal);

    public bool Contains(string name) => _names.Contains(name);
}

internal sealed class WeChatPayRegistration
{
    public WeChatPayRegistration(string name) => Name = name;

    public string Name { get; }
}
