"""The Smithy and WIT formatters and the minimal edits between texts, on small written cases."""

from __future__ import annotations

import pytest

from witsmith.features.formatting import (
    FormatError,
    apply_edits,
    format_range,
    format_text,
    format_wit,
    minimal_edits,
)

# ---------------------------------------------------------------------------------- Smithy


def smithy(text: str) -> str:
    result = format_text("smithy", text)
    assert format_text("smithy", result) == result, "formatting is idempotent"
    return result


def test_smithy_layout_of_shapes_members_and_traits():
    source = """$version:"2"
namespace   example.weather
use smithy.api#String
use example.other#Zeta
use example.other#Alpha
@http(method:"GET",uri:"/city/{id}",code:200)
@readonly  operation GetCity { input:=  { @required id: String } output : GetCityOutput, errors:[NoSuchCity] }
structure GetCityOutput { name: Zeta, alpha: Alpha }
"""
    assert smithy(source) == """$version: "2"

namespace example.weather

use example.other#Alpha
use example.other#Zeta
use smithy.api#String

@http(method: "GET", uri: "/city/{id}", code: 200)
@readonly
operation GetCity {
    input := {
        @required
        id: String
    }

    output: GetCityOutput

    errors: [
        NoSuchCity
    ]
}

structure GetCityOutput {
    name: Zeta
    alpha: Alpha
}
"""


def test_smithy_breaks_node_values_wider_than_the_page():
    wide = ", ".join(f'"value-number-{i}"' for i in range(12))
    result = smithy(f'$version: "2"\nnamespace a\n@tags([{wide}])\nstring S\n')
    assert '@tags([\n    "value-number-0"\n    "value-number-1"\n' in result


def test_smithy_comments_stay_with_what_they_describe():
    source = """$version: "2"
namespace a
// About A
structure A {
    x: String // the x
    // about y
    y: String
}
// right after A
"""
    result = smithy(source)
    assert "// About A\nstructure A {\n    x: String // the x\n\n    // about y\n    y: String\n}\n// right after A\n" in result


def test_smithy_removes_only_unused_uses_and_keeps_their_comments():
    source = """$version: "2"
namespace a
// kept with the use below it
use b#Unused
use b#Used
structure A { x: Used }
"""
    result = smithy(source)
    assert "use b#Unused" not in result
    assert "// kept with the use below it" in result and "use b#Used" in result


def test_smithy_doc_comment_inside_a_shape_header_becomes_a_plain_comment():
    # `smithy format` keeps this `///` as is and turns it into `//` on its next run; witsmith
    # writes `//` at once so that formatting is idempotent (a deliberate difference).
    source = '$version: "2"\nnamespace a\n@sensitive\nmap M\n/// inside\n{\n    key: String\n    value: String\n}\n'
    assert "// inside\nmap M {" in smithy(source)


def test_smithy_text_blocks_lose_their_incidental_indentation():
    source = '$version: "2"\nnamespace a\n@documentation("""\n        First\n          indented\n        """)\nstring S\n'
    assert '@documentation(\n    """\n    First\n      indented\n    """\n)\nstring S' in smithy(source)


def test_smithy_with_syntax_errors_is_not_formatted():
    with pytest.raises(FormatError, match="syntax errors"):
        format_text("smithy", '$version: "2"\nnamespace a\nstructure A {\n')


def test_windows_line_ends_and_byte_order_mark_are_kept():
    source = '\ufeff$version: "2"\r\nnamespace a\r\nstructure A {}\r\n'
    result = format_text("smithy", source)
    assert result.startswith("\ufeff$version")
    assert "\r\n" in result and "\n" not in result.replace("\r\n", "")


# ---------------------------------------------------------------------------------- WIT


def wit(text: str, indent: str | None = None) -> str:
    result = format_wit(text, indent)
    assert format_wit(result, indent) == result, "formatting is idempotent"
    return result


def test_wit_printer_layout_with_the_files_indent():
    source = """package  example:shapes@1.0.0 ;
interface shapes{
    use  wasi:io/streams@0.2.0 .{ input-stream,output-stream };
    /// A point.
    @since(version=1.0.0)
    record point { x:f64, y : f64 }
    area : func( corner:point,scale : option<f64> )->result<f64,string>;
    enum color { red, green }
}
"""
    assert wit(source) == """package example:shapes@1.0.0;
interface shapes {
    use wasi:io/streams@0.2.0.{input-stream, output-stream};
    /// A point.
    @since(version = 1.0.0)
    record point {
        x: f64,
        y: f64,
    }
    area: func(corner: point, scale: option<f64>) -> result<f64, string>;
    enum color {
        red,
        green,
    }
}
"""


def test_wit_indent_is_two_spaces_for_a_file_without_indented_lines():
    assert wit("interface i { f: func(); }\n") == "interface i {\n  f: func();\n}\n"
    assert wit("interface i { f: func(); }\n", indent="    ") == "interface i {\n    f: func();\n}\n"


def test_wit_keeps_comments_and_blank_line_groups():
    source = """// header comment
package a:b;

interface i {
  // about f
  f: func(); // f's line


  g: func();
  record r {
    a: u32, // a's line
    b: u32
  }
}
"""
    assert wit(source) == """// header comment
package a:b;

interface i {
  // about f
  f: func(); // f's line

  g: func();
  record r {
    a: u32, // a's line
    b: u32,
  }
}
"""


def test_wit_parameter_lists_broken_when_broken_or_too_long():
    long_params = ", ".join(f"parameter-number-{i}: u32" for i in range(6))
    result = wit(f"interface i {{\n  f: func({long_params}) -> u32;\n  g: func(\n    a: u32) -> u32;\n}}\n")
    assert "  f: func(\n    parameter-number-0: u32,\n" in result
    assert "    parameter-number-5: u32,\n  ) -> u32;\n" in result
    assert "  g: func(\n    a: u32,\n  ) -> u32;\n" in result


def test_wit_item_with_a_comment_inside_its_line_is_kept_as_written():
    source = "interface i {\n  type t = /* why */ u32;\n}\n"
    assert wit(source) == source


def test_wit_with_syntax_errors_is_not_formatted():
    with pytest.raises(FormatError, match="syntax errors"):
        format_wit("interface i {\n")


# ---------------------------------------------------------------------------------- edits


def test_minimal_edits_touch_only_changed_lines():
    old = "a\nb\nc\nd\n"
    new = "a\nB\nc\nd\ne\n"
    edits = minimal_edits(old, new)
    assert apply_edits(old, edits) == new
    assert [(e.start, e.end, e.new_text) for e in edits] == [(2, 4, "B\n"), (8, 8, "e\n")]


def test_minimal_edits_count_bytes_of_multibyte_text():
    old = "é\nx  \n"
    new = "é\nx\n"
    edits = minimal_edits(old, new)
    assert edits[0].start == len("é\n".encode())
    assert apply_edits(old, edits) == new


def test_range_formatting_keeps_edits_outside_the_range_out():
    source = "interface i {\nf:func();\ng:func();\n}\n"
    second_line = source.index("g:")
    edits = format_range("wit", source, second_line, second_line + 3)
    assert [apply_edits(source, edits).splitlines()[i] for i in (1, 2)] == ["f:func();", "  g: func();"]


def test_wit_comments_between_parameters_break_the_list_and_keep_their_place():
    source = "interface i {\n  f: func(a: u32, /* why */ b: u32);\n  g: func(a: /* c */ u32);\n}\n"
    assert wit(source) == (
        "interface i {\n  f: func(\n    a: u32,\n    /* why */\n    b: u32,\n  );\n  g: func(a: /* c */ u32);\n}\n"
    )


@pytest.mark.parametrize("lang_id, source, formatted, untouched", [
    ("wit", "interface a{\nf:func();\n}\ninterface b {\n  g: func(\n}\n",
     "interface a {\n  f: func();\n}", "interface b {\n  g: func(\n}\n"),
    ("smithy", '$version: "2"\nnamespace a\nstructure   A { x: String }\nstructure B {\n  y: \n}\n',
     "structure A {\n    x: String\n}", "structure B {\n  y: \n}\n"),
])
def test_range_formatting_in_a_file_with_errors_formats_only_clean_declarations(lang_id, source, formatted, untouched):
    with pytest.raises(FormatError):
        format_text(lang_id, source)
    result = apply_edits(source, format_range(lang_id, source, 0, len(source)))
    assert formatted in result and result.endswith(untouched)
