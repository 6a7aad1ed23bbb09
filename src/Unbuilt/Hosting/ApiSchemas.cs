using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Unbuilt.Api;
using Unbuilt.Plans.Changes;

namespace Unbuilt.Hosting;

/// Makes the generated schemas say what the server really writes and reads. The web client's types are generated
/// from this document (src/web/openapi.json), so a schema that is looser than the wire, or wrong, is a type error
/// that nobody sees.
internal static class ApiSchemas
{
    /// The generator's name for the component a schema becomes (OpenApiConstants.SchemaId, internal there).
    private const string SchemaIdKey = "x-schema-id";

    /// Runs on every schema the generator makes, once per place it is used: a property's schema has
    /// JsonPropertyInfo, an array's items the element's JsonTypeInfo.
    public static async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var info = context.JsonTypeInfo;
        // Every string is read by StrictStringConverter, and the generator describes any type that has a converter of
        // the app's as `{}` (anything); a list of them loses its items the same way.
        if (info.Type == typeof(string) && schema.Type is null) schema.Type = JsonSchemaType.String;
        if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType == typeof(string) && schema.Items is null)
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        // Enums are written as camelCase strings (ApiConventions); the generator lists the names but not their type.
        if (info.Type.IsEnum && schema.Enum is { Count: > 0 } && schema.Type is null) schema.Type = JsonSchemaType.String;
        if (info.Type.IsGenericType && info.Type.GetGenericTypeDefinition() == typeof(Optional<>))
            await DescribeOptionalAsync(schema, info.Type.GetGenericArguments()[0], context, ct);

        if (context.JsonPropertyInfo is { } property)
        {
            // The generator adds null from the annotations only to a schema that had a type (not to the strings above).
            if (info.Type == typeof(string) && (property.IsGetNullable || property.IsSetNullable)) schema.Type |= JsonSchemaType.Null;
            // A closed set of strings the server writes (a reason, a policy) is an enum to the client. Only on answers'
            // non-null properties: an enum would also have to list null.
            if (property.AttributeProvider?.GetCustomAttributes(typeof(AllowedValuesAttribute), inherit: false)
                is [AllowedValuesAttribute allowed, ..])
                schema.Enum = [.. allowed.Values.Select(value => JsonValue.Create(value?.ToString())!).Cast<JsonNode>()];
        }

        // A nullable struct (HealthReading?) is described by its struct's properties.
        var objectInfo = Nullable.GetUnderlyingType(info.Type) is { } underlying ? info.Options.GetTypeInfo(underlying) : info;
        if (objectInfo.Kind == JsonTypeInfoKind.Object && schema.Properties is { Count: > 0 } properties)
        {
            // In an answer every property is written, null or not, so all are required, not only the constructor's
            // parameters without a default as the generator has it (a property ignored when null would have a
            // ShouldSerialize, and stay optional). RelaxRequests relaxes the schemas that are only ever read.
            schema.Required = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var member in objectInfo.Properties)
            {
                if (!properties.TryGetValue(member.Name, out var memberSchema)) continue;
                if (member.ShouldSerialize is null) schema.Required.Add(member.Name);
                // Computed (IsEmpty): written, never read.
                if (member.Set is null && member.AssociatedParameter is null && memberSchema is OpenApiSchema computed)
                    computed.ReadOnly = true;
            }
        }
    }

    /// Optional<T> (a PATCH field: absent leaves it, null clears it) is T or null on the wire, and optional; it has a
    /// converter of its own, so the generator made it an empty component.
    private static async Task DescribeOptionalAsync(OpenApiSchema schema, Type valueType, OpenApiSchemaTransformerContext context,
        CancellationToken ct)
    {
        var value = await context.GetOrCreateSchemaAsync(valueType, null, ct);
        schema.Type = value.Type | JsonSchemaType.Null;
        schema.Format = value.Format;
        schema.Metadata?.Remove(SchemaIdKey);
    }

    /// A change's `before` and `after` (RowChange, HistoryEntry) are the rows history keeps as JSON, so the records say
    /// JsonElement (anything); they are always one of these records, by the action's entity (task.*, dependency.*,
    /// phase.*, plan.*, member.*), or null.
    private static readonly Type[] RowStates = [typeof(TaskRow), typeof(DependencyRow), typeof(PhaseRow), typeof(PlanRow), typeof(MemberRow)];

    public static async Task DescribeRowStatesAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context,
        CancellationToken ct)
    {
        foreach (var row in RowStates) document.AddComponent(row.Name, await context.GetOrCreateSchemaAsync(row, null, ct));
        foreach (var holder in new[] { nameof(RowChange), "HistoryEntry" })
        {
            IOpenApiSchema? schema = null;
            if (document.Components?.Schemas?.TryGetValue(holder, out schema) != true
                || schema is not OpenApiSchema { Properties: { } properties }) continue;
            foreach (var side in new[] { "before", "after" }.Where(properties.ContainsKey))
            {
                properties[side] = new OpenApiSchema
                {
                    OneOf =
                    [
                        new OpenApiSchema { Type = JsonSchemaType.Null },
                        .. RowStates.Select(row => new OpenApiSchemaReference(row.Name, document)),
                    ],
                };
            }
        }
    }

    /// A schema only ever read from a request: the server's records take every field as optional (absent is null, and
    /// the handler answers 400 naming what it needs), and a computed property is never read.
    public static Task RelaxRequests(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null) return Task.CompletedTask;
        var read = new HashSet<string>(StringComparer.Ordinal);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in document.Paths.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? []) Reach(media.Schema, schemas, read);
            foreach (var media in operation.Responses?.Values.SelectMany(r => r.Content?.Values ?? []) ?? [])
                Reach(media.Schema, schemas, written);
            foreach (var parameter in operation.Parameters ?? []) Reach(parameter.Schema, schemas, read);
        }
        foreach (var live in LiveEvents.Names) Reach(schemas.TryGetValue(live, out var s) ? s : null, schemas, written);
        foreach (var id in read.Except(written))
        {
            if (schemas[id] is not OpenApiSchema request) continue;
            request.Required = null;
            foreach (var computed in request.Properties?.Where(p => p.Value.ReadOnly).Select(p => p.Key).ToList() ?? [])
                request.Properties!.Remove(computed);
        }
        return Task.CompletedTask;
    }

    /// Adds the component ids the schema uses, directly or through others.
    private static void Reach(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> components, HashSet<string> ids)
    {
        if (schema is null) return;
        if (schema is OpenApiSchemaReference reference)
        {
            if (reference.Reference.Id is { } id && ids.Add(id) && components.TryGetValue(id, out var target))
                Reach(target, components, ids);
            return;
        }
        foreach (var property in schema.Properties?.Values ?? []) Reach(property, components, ids);
        Reach(schema.Items, components, ids);
        Reach(schema.AdditionalProperties, components, ids);
        foreach (var part in (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? [])) Reach(part, components, ids);
    }

    /// Components in name order, so the checked-in document changes only where the API did.
    public static Task SortComponents(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        if (document.Components?.Schemas is { } schemas)
            document.Components.Schemas = schemas.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Value);
        return Task.CompletedTask;
    }
}
