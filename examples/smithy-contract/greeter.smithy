// A small capability contract in the style of wasmCloud 0.x interfaces.

metadata package = [{
    namespace: "org.example.greeter",
    crate: "greeter",
    py_module: "greeter",
}]

namespace org.example.greeter

use org.wasmcloud.model#wasmbus
use org.wasmcloud.model#n
use org.wasmcloud.model#U32

/// Greets people by name, in the language they ask for.
@wasmbus(
    contractId: "example:greeter",
    actorReceive: true,
    providerReceive: true,
)
service Greeter {
    version: "0.1",
    operations: [Greet, ListLanguages]
}

/// Returns a greeting for one person.
operation Greet {
    input: GreetRequest,
    output: GreetResponse,
}

/// Lists the languages the provider can greet in.
operation ListLanguages {
    output: LanguageList,
}

structure GreetRequest {
    /// Who to greet.
    @required
    @n(0)
    name: String,

    /// A BCP 47 language tag; English when absent.
    @n(1)
    language: String,

    /// How many times to repeat the greeting.
    @n(2)
    repeat: U32,
}

structure GreetResponse {
    @required
    @n(0)
    message: String,
}

list LanguageList {
    member: String
}
