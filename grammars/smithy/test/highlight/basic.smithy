$version: "2"
// <- punctuation.special
//^^^^^^ constant
//        ^^^ string

namespace example.weather
// <- keyword
//        ^^^^^^^^^^^^^^^ module

use smithy.api#String
// <- keyword
//  ^^^^^^^^^^ module
//             ^^^^^^ type

/// Provides weather forecasts.
// <- comment.documentation
@paginated(inputToken: "nextToken")
// <- attribute
//^^^^^^^^ attribute
//         ^^^^^^^^^^ property
//                     ^^^^^^^^^^^ string
service Weather {
// <- keyword
//      ^^^^^^^ type.definition
    version: "2006-03-01"
    // <- property
    operations: [GetCity]
    //           ^^^^^^^ string.special
}

structure GetCityInput for City with [Base] {
// <- keyword
//        ^^^^^^^^^^^^ type.definition
//                     ^^^ keyword
//                         ^^^^ type
//                              ^^^^ keyword
//                                    ^^^^ type
    @required
    // <- attribute
    cityId: CityId
    // <- property
    //      ^^^^^^ type

    count: Integer = 10
    //     ^^^^^^^ type.builtin
    //             ^ operator
    //               ^^ number

    $name
    // <- punctuation.special
    //^^^ property
}

operation GetCity {
// <- keyword
//        ^^^^^^^ function
    input := {
    // <- property
    //    ^^ operator
        flag: Boolean = true
        //              ^^^^ boolean
    }
    output: GetCityOutput
    //      ^^^^^^^^^^^^^ type
}

string Name
// <- type.builtin
//     ^^^^ type.definition

enum Suit {
    CLUB = "club\n"
    // <- constant
    //     ^ string
    //          ^^ string.escape
}

@deprecated(message: null)
//                   ^^^^ constant.builtin
integer Count
