"""Small, correct projects for end-to-end tests: a WIT package with deps/ and a local
override, and a Smithy project of several namespaces, plus filler that makes the
workspace index take a while."""

from __future__ import annotations

from pathlib import Path

WIT_FILES = {
    "app/wit/types.wit": "package example:app@0.1.0;\n\ninterface types {\n    use example:logging/log.{level};\n"
                         "    record entry {\n        level: level,\n        text: string,\n    }\n}\n",
    "app/wit/api.wit": "package example:app@0.1.0;\n\ninterface api {\n    use types.{entry};\n"
                       "    use example:clock/now.{instant};\n    use example:shared/ids.{id};\n"
                       "    record stamped {\n        at: instant,\n        key: id,\n        entry: entry,\n    }\n"
                       "    record-it: func(e: stamped) -> result<_, string>;\n}\n",
    "app/wit/world.wit": "package example:app@0.1.0;\n\nworld service {\n    import example:logging/log;\n"
                         "    export api;\n}\n",
    "app/wit/deps/logging/log.wit": "package example:logging;\n\ninterface log {\n    enum level { debug, info, error }\n"
                                    "    log: func(level: level, text: string);\n}\n",
    "app/wit/deps/clock.wit": "package example:clock;\n\ninterface now {\n    type instant = u64;\n}\n",
    "app/wit/deps.toml": '[shared]\npath = "../shared"\n',
    "app/shared/ids.wit": "package example:shared;\n\ninterface ids {\n    type id = string;\n}\n",
}

SMITHY_FILES = {
    "shop/smithy-build.json": '{\n    "version": "1.0",\n    "sources": ["model"]\n}\n',
    "shop/model/common.smithy": '$version: "2"\n\nnamespace example.common\n\n@trait(selector: "structure")\n'
                                "structure audited {}\n\nstructure Money {\n    @required\n    amount: Long\n"
                                "    @required\n    currency: String\n}\n",
    "shop/model/orders.smithy": '$version: "2"\n\nnamespace example.orders\n\nuse example.common#Money\n'
                                "use example.common#audited\n\n@audited\nstructure Order {\n    @required\n"
                                "    id: String\n    total: Money\n}\n\nlist Orders {\n    member: Order\n}\n",
    "shop/model/service.smithy": '$version: "2"\n\nnamespace example.shop\n\nuse example.orders#Order\n'
                                 "use example.orders#Orders\n\nservice Shop {\n    version: \"2024-01-01\"\n"
                                 "    operations: [ListOrders]\n}\n\n@readonly\noperation ListOrders {\n"
                                 "    output := {\n        orders: Orders\n        first: Order\n    }\n}\n",
}


def write_files(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def write_filler(root: Path, count: int) -> None:
    """``count`` small Smithy files in namespaces of their own, and as many WIT packages:
    enough files that indexing the workspace takes a noticeable time."""
    for number in range(count):
        write_files(root, {
            f"filler/smithy/m{number}.smithy": f'$version: "2"\n\nnamespace filler.n{number}\n\n'
            + "".join(f"structure S{number}x{k} {{\n    a: String\n    b: Integer\n}}\n\n" for k in range(8)),
            f"filler/wit/p{number}/p.wit": f"package filler:p{number};\n\ninterface i {{\n"
            + "".join(f"    record r{k} {{ a: u32, b: string }}\n" for k in range(8)) + "}\n",
        })
