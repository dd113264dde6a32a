namespace example

structure City {
//        ^^^^ definition.class
    name: String
    // <- definition.field
    //    ^^^^^^ reference.type
}

operation GetCity {
//        ^^^^^^^ definition.method
    input: GetCityInput
    //     ^^^^^^^^^^^^ reference.type
    errors: [NotFound]
    //       ^^^^^^^^ reference.type
}

@length(min: 1)
//^^^^^ reference.type
string Name with [Base]
//     ^^^^ definition.type
//                ^^^^ reference.type

enum Suit {
//   ^^^^ definition.enum
    CLUB
    // <- definition.constant
}
