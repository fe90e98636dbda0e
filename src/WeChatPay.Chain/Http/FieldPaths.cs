using System;
using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Http
{
    /// <summary>
    /// Applies a transformation to the string fields a dotted path names in a JSON tree: <c>identity.real_name</c>,
    /// <c>receivers[].name</c> (every element of an array), <c>names[]</c> (every string of an array).
    /// </summary>
    internal static class FieldPaths
    {
        /// <summary>Replaces every string the path names by <paramref name="transform"/> of it; returns the concrete paths changed.</summary>
        /// <exception cref="ArgumentException">A field the path names holds a number, boolean, object or array instead of a string.</exception>
        public static void Apply(JToken root, string path, Func<string, string> transform, List<string> changed)
        {
            Walk(root, path.Split('.'), 0, string.Empty, transform, changed);
        }

        private static void Walk(JToken node, string[] steps, int index, string at, Func<string, string> transform, List<string> changed)
        {
            if (!(node is JObject obj)) return;
            var step = steps[index];
            var isArray = step.EndsWith("[]", StringComparison.Ordinal);
            var name = isArray ? step.Substring(0, step.Length - 2) : step;
            var value = obj[name];
            if (value is null || value.Type == JTokenType.Null) return;
            var here = at.Length == 0 ? name : at + "." + name;
            var last = index == steps.Length - 1;

            if (!isArray)
            {
                if (last) Replace(value, here, transform, changed);
                else Walk(value, steps, index + 1, here, transform, changed);
                return;
            }

            if (!(value is JArray array))
                throw new ArgumentException($"The field {here} should be an array.");
            for (var i = 0; i < array.Count; i++)
            {
                var element = array[i];
                if (element.Type == JTokenType.Null) continue;
                var elementPath = here + "[" + i + "]";
                if (last) Replace(element, elementPath, transform, changed);
                else Walk(element, steps, index + 1, elementPath, transform, changed);
            }
        }

        private static void Replace(JToken value, string path, Func<string, string> transform, List<string> changed)
        {
            if (value.Type != JTokenType.String)
                throw new ArgumentException($"The field {path} is sensitive and must be a string, not {value.Type.ToString().ToLowerInvariant()}.");
            ((JValue)value).Value = transform((string)value!);
            changed.Add(path);
        }
    }
}
