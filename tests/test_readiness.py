"""What HACS and hassfest check before they accept a custom integration, and more.

hacs.json, manifest.json, services.yaml against the registered actions, strings.json
against every translation key the code uses, icons.json, the brand icon, the GitHub
workflows, LICENSE and CHANGELOG.md; and the forward-compatibility check itself.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
import json
from pathlib import Path
import re
import struct
from typing import Any

from awesomeversion import AwesomeVersion, AwesomeVersionStrategy
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import voluptuous as vol

from custom_components.acupressure_mat.const import DOMAIN
from homeassistant import const
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, section
from homeassistant.helpers import config_validation as cv, entity_registry as er
from homeassistant.util.yaml import load_yaml_dict

from .conftest import ENTRY_ID

REPO = Path(__file__).resolve().parents[1]
INTEGRATION = REPO / "custom_components" / DOMAIN
MANIFEST = json.loads((INTEGRATION / "manifest.json").read_text())
STRINGS = json.loads((INTEGRATION / "strings.json").read_text())
ICONS = json.loads((INTEGRATION / "icons.json").read_text())
SERVICES = load_yaml_dict(INTEGRATION / "services.yaml")

# HACS: hacs.json's allowed keys (render_readme is gone).
HACS_KEYS = {
    "name",
    "homeassistant",
    "hacs",
    "zip_release",
    "filename",
    "country",
    "hide_default_branch",
    "content_in_root",
    "persistent_directory",
}
# hassfest's schema for custom integrations, which rejects any other key.
MANIFEST_KEYS = {
    "domain",
    "name",
    "integration_type",
    "config_flow",
    "mqtt",
    "zeroconf",
    "ssdp",
    "bluetooth",
    "homekit",
    "dhcp",
    "usb",
    "documentation",
    "quality_scale",
    "requirements",
    "dependencies",
    "after_dependencies",
    "codeowners",
    "loggers",
    "disabled",
    "iot_class",
    "single_config_entry",
    "preview_features",
    "version",
    "issue_tracker",
    "import_executor",
}
MANIFEST_REQUIRED = {
    "domain",
    "name",
    "version",
    "codeowners",
    "documentation",
    "issue_tracker",
    "integration_type",
    "iot_class",
    "config_flow",
}
IOT_CLASSES = {
    "assumed_state",
    "calculated",
    "cloud_polling",
    "cloud_push",
    "local_polling",
    "local_push",
}
INTEGRATION_TYPES = {
    "device",
    "entity",
    "hardware",
    "helper",
    "hub",
    "service",
    "system",
}
VERSION_STRATEGIES = [
    AwesomeVersionStrategy.CALVER,
    AwesomeVersionStrategy.SEMVER,
    AwesomeVersionStrategy.SIMPLEVER,
    AwesomeVersionStrategy.BUILDVER,
    AwesomeVersionStrategy.PEP440,
]


# --- hacs.json and manifest.json -------------------------------------------


def test_hacs_json() -> None:
    hacs = json.loads((REPO / "hacs.json").read_text())
    assert set(hacs) <= HACS_KEYS, set(hacs) - HACS_KEYS
    assert hacs["name"] == MANIFEST["name"]
    minimum = AwesomeVersion(hacs["homeassistant"])
    assert minimum.valid
    # Tested with this Home Assistant: the minimum may not be newer.
    assert minimum <= AwesomeVersion(const.__version__)


def test_manifest_keys_and_values() -> None:
    assert MANIFEST.keys() >= MANIFEST_REQUIRED, MANIFEST_REQUIRED - MANIFEST.keys()
    assert MANIFEST.keys() <= MANIFEST_KEYS, MANIFEST.keys() - MANIFEST_KEYS
    assert MANIFEST["domain"] == INTEGRATION.name == DOMAIN
    assert MANIFEST["config_flow"] is True
    assert (INTEGRATION / "config_flow.py").is_file()
    assert MANIFEST["iot_class"] in IOT_CLASSES
    assert MANIFEST["integration_type"] in INTEGRATION_TYPES
    assert MANIFEST["codeowners"]
    assert all(owner.startswith("@") for owner in MANIFEST["codeowners"])
    for key in ("documentation", "issue_tracker"):
        assert MANIFEST[key].startswith("https://"), MANIFEST[key]
    # A custom integration's documentation lives outside home-assistant.io.
    assert "home-assistant.io/integrations" not in MANIFEST["documentation"]


def test_manifest_key_order() -> None:
    """hassfest: domain, name, then alphabetical order."""
    keys = list(MANIFEST)
    assert keys[:2] == ["domain", "name"]
    assert keys[2:] == sorted(keys[2:])


def test_manifest_version() -> None:
    version = AwesomeVersion(MANIFEST["version"], ensure_strategy=VERSION_STRATEGIES)
    assert version.strategy in VERSION_STRATEGIES


# --- actions ----------------------------------------------------------------


def _fields(schema: Any) -> dict[str, bool]:
    """The fields of a (possibly wrapped) voluptuous schema: {name: required}."""
    if isinstance(schema, vol.All):
        return {k: v for s in schema.validators for k, v in _fields(s).items()}
    if isinstance(schema, vol.Schema) and not isinstance(schema.schema, dict):
        # From 2026.10 an action's schema wraps the validators in a Schema of its own.
        return _fields(schema.schema)
    if isinstance(schema, vol.Schema):
        return {
            str(marker): isinstance(marker, vol.Required)
            for marker in schema.schema
            # Remove: a key the frontend may send and the action never sees.
            if isinstance(marker, vol.Marker | str)
            and not isinstance(marker, vol.Remove)
        }
    return {}


@pytest.mark.usefixtures("init_integration")
async def test_services_yaml_matches_the_registered_actions(
    hass: HomeAssistant,
) -> None:
    registered = hass.services.async_services_for_domain(DOMAIN)
    assert set(SERVICES) == set(registered)
    targets = {str(marker) for marker in cv.ENTITY_SERVICE_FIELDS}
    for name, service in registered.items():
        described = SERVICES[name] or {}
        schema_fields = _fields(service.schema)
        action_fields = {k: v for k, v in schema_fields.items() if k not in targets}
        yaml_fields = described.get("fields", {})
        assert set(yaml_fields) == set(action_fields), name
        for field, required in action_fields.items():
            assert bool(yaml_fields[field].get("required", False)) == required, (
                f"{name}.{field}: required in the schema is {required}"
            )
            assert "selector" in yaml_fields[field], f"{name}.{field} has no selector"
        # Actions on a mat target it by entity, device or area.
        assert targets & set(schema_fields), name
        assert described.get("target"), f"{name} has no target in services.yaml"


# --- strings.json -------------------------------------------------------------


def _strings_at(*path: str) -> Any:
    node: Any = STRINGS
    for key in path:
        assert isinstance(node, dict), path
        assert key in node, f"strings.json lacks {'.'.join(path)}"
        node = node[key]
    return node


def _placeholders(message: str) -> set[str]:
    return set(re.findall(r"(?<!\{)\{(\w+)\}(?!\})", message))


@pytest.mark.usefixtures("init_integration")
async def test_strings_cover_every_entity(
    hass: HomeAssistant, entity_registry: er.EntityRegistry
) -> None:
    entries = er.async_entries_for_config_entry(entity_registry, ENTRY_ID)
    assert entries
    for entry in entries:
        assert entry.translation_key, f"{entry.entity_id} has no translation key"
        platform = entry.domain
        strings = _strings_at("entity", platform, entry.translation_key)
        assert strings.get("name"), entry.entity_id
        state = hass.states.get(entry.entity_id)
        if entry.disabled_by is not None:
            # Off until its option is set: a name, but no state to read yet.
            assert state is None
            continue
        assert state is not None
        if platform in {"sensor", "select"} and "options" in state.attributes:
            for option in state.attributes["options"]:
                assert option in strings.get("state", {}), (entry.entity_id, option)
        if platform == "event":
            event_states = strings["state_attributes"]["event_type"]["state"]
            for event_type in state.attributes["event_types"]:
                assert event_type in event_states, (entry.entity_id, event_type)


def test_strings_cover_every_action() -> None:
    for name, described in SERVICES.items():
        strings = _strings_at("services", name)
        assert strings.get("name"), name
        assert strings.get("description"), name
        for field in (described or {}).get("fields", {}):
            assert _strings_at("services", name, "fields", field).get("name"), field
            assert _strings_at("services", name, "fields", field).get("description")
    assert set(STRINGS["services"]) == set(SERVICES)


def test_strings_cover_service_selectors() -> None:
    for name, described in SERVICES.items():
        for field, spec in (described or {}).get("fields", {}).items():
            select = spec.get("selector", {}).get("select") or {}
            if key := select.get("translation_key"):
                options = _strings_at("selector", key, "options")
                missing = set(select["options"]) - set(options)
                assert not missing, f"{name}.{field}: {missing}"


class _Code:
    """The integration's Python code, parsed once."""

    def __init__(self) -> None:
        self.modules = {
            str(path.relative_to(INTEGRATION)): ast.parse(path.read_text(), str(path))
            for path in sorted(INTEGRATION.rglob("*.py"))
        }
        self.constants: dict[str, str] = {}
        for tree in self.modules.values():
            for node in tree.body:
                target = (
                    node.targets[0]
                    if isinstance(node, ast.Assign) and len(node.targets) == 1
                    else node.target
                    if isinstance(node, ast.AnnAssign)
                    else None
                )
                value = getattr(node, "value", None)
                if (
                    isinstance(target, ast.Name)
                    and isinstance(value, ast.Constant)
                    and isinstance(value.value, str)
                ):
                    self.constants[target.id] = value.value

    def calls(self) -> Iterator[tuple[str, ast.Call, ast.AST | None]]:
        """Every call, with its module and the function it is in."""
        for module, tree in self.modules.items():
            for function, node in _walk_with_function(tree, None):
                if isinstance(node, ast.Call):
                    yield module, node, function

    def strings(self, value: ast.expr, function: ast.AST | None) -> set[str]:
        """The strings an expression can be: a literal, a constant or an f-string.

        An f-string gives every combination its callers' literals allow, a superset
        of what the code raises (see `_any_key`).
        """
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return {value.value}
        if isinstance(value, ast.Name) and value.id in self.constants:
            return {self.constants[value.id]}
        if isinstance(value, ast.Attribute) and value.attr in self.constants:
            return {self.constants[value.attr]}
        if isinstance(value, ast.JoinedStr):
            return self._f_strings(value, function)
        pytest.fail(f"cannot tell the translation key {ast.unparse(value)}")

    def _f_strings(self, value: ast.JoinedStr, function: ast.AST | None) -> set[str]:
        """`f"{action}_no_session"`: `action` as passed by every caller, as literals."""
        assert isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef), (
            ast.unparse(value)
        )
        variants = [""]
        for part in value.values:
            if isinstance(part, ast.Constant):
                variants = [v + str(part.value) for v in variants]
                continue
            assert isinstance(part, ast.FormattedValue)
            assert isinstance(part.value, ast.Name), ast.unparse(value)
            words = self._argument_values(function, part.value.id)
            assert words, f"no caller passes {part.value.id} to {function.name}"
            variants = [v + w for v in variants for w in sorted(words)]
        return set(variants)

    def _argument_values(self, function: ast.AST, parameter: str) -> set[str]:
        """Literal values of a parameter at every call of the function.

        Callers that pass their own parameter on are followed to their callers.
        """
        assert isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        params = [a.arg for a in function.args.args if a.arg != "self"]
        position = params.index(parameter)
        values: set[str] = set()
        for _, call, caller in self.calls():
            callee = call.func
            name = callee.attr if isinstance(callee, ast.Attribute) else None
            name = name or (callee.id if isinstance(callee, ast.Name) else None)
            if name != function.name:
                continue
            argument = next(
                (k.value for k in call.keywords if k.arg == parameter),
                call.args[position] if len(call.args) > position else None,
            )
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                values.add(argument.value)
            elif isinstance(argument, ast.Name) and caller is not None:
                values |= self._argument_values(caller, argument.id)
        return values


def _walk_with_function(
    node: ast.AST, function: ast.AST | None
) -> Iterator[tuple[ast.AST | None, ast.AST]]:
    for child in ast.iter_child_nodes(node):
        yield function, child
        inner = (
            child
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            and not isinstance(child, ast.Lambda)
            else function
        )
        yield from _walk_with_function(child, inner)


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _section(callee: str) -> str | None:
    """The strings.json section of a call's `translation_key`; None for entities."""
    if callee.endswith(("Error", "Exception")):
        return "exceptions"
    if callee == "async_create_issue":
        return "issues"
    if callee.endswith("SelectorConfig"):
        return "selector"
    assert callee.endswith("Description"), (
        f"translation_key in a call to {callee}: which strings.json section? "
        "Teach tests/test_readiness.py"
    )
    return None


def _parameters(function: ast.AST | None) -> list[str]:
    if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        return []
    return [a.arg for a in function.args.args if a.arg != "self"]


def _passed_on(key: ast.expr) -> bool:
    """An error's own key, passed on: it was checked where the error was raised."""
    return isinstance(key, ast.Attribute) and key.attr == "translation_key"


def _translation_uses() -> dict[str, dict[str, set[str] | None]]:
    """{section: {key: placeholders passed, or None when unknown}} used in the code.

    A function that passes its own parameter on as `translation_key` (such as
    `refuse(key, **placeholders)`) is followed to its callers.
    """
    code = _Code()
    uses: dict[str, dict[str, set[str] | None]] = {
        "exceptions": {},
        "issues": {},
        "selector": {},
    }
    # function name -> (section, position of the key, keywords are the placeholders)
    forwarders: dict[str, tuple[str, int, bool]] = {}
    for _, call, function in code.calls():
        keywords = {k.arg: k.value for k in call.keywords if k.arg}
        if "translation_key" not in keywords:
            continue
        key = keywords["translation_key"]
        if _passed_on(key) or (section := _section(_callee(call))) is None:
            continue
        if isinstance(key, ast.Name) and key.id in _parameters(function):
            assert isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
            kwarg = function.args.kwarg.arg if function.args.kwarg else None
            placeholders = keywords.get("translation_placeholders")
            forwarded = kwarg is not None and any(
                isinstance(n, ast.Name) and n.id == kwarg
                for n in ast.walk(placeholders or ast.Constant(None))
            )
            position = _parameters(function).index(key.id)
            forwarders[function.name] = (section, position, forwarded)
            continue
        given = keywords.get("translation_placeholders")
        passed = (
            {str(k.value) for k in given.keys if isinstance(k, ast.Constant)}
            if isinstance(given, ast.Dict)
            else None
        )
        for text in code.strings(key, function):
            uses[section][text] = passed
    for _, call, function in code.calls():
        if (forwarder := forwarders.get(_callee(call))) is None:
            continue
        section, position, forwarded = forwarder
        names = {k.arg for k in call.keywords if k.arg}
        key = call.args[position]
        texts = code.strings(key, function)
        if isinstance(key, ast.JoinedStr):
            texts = _any_key(section, texts, ast.unparse(key))
        for text in texts:
            uses[section][text] = names if forwarded else None
    return uses


def _any_key(section: str, variants: set[str], source: str) -> set[str]:
    """The variants of an f-string key that strings.json has; at least one.

    `f"{action}_wrong_state"` is raised for some actions only, which a reading of
    the code cannot tell; the action tests meet each refusal at run time.
    """
    known = variants & set(STRINGS.get(section, {}))
    assert known, f"strings.json has none of {sorted(variants)} ({source})"
    return known


def test_strings_cover_every_translation_key_in_the_code() -> None:
    uses = _translation_uses()
    assert uses["exceptions"], "found no refusal in the code: is the scan broken?"
    for section_name, keys in uses.items():
        for key, passed in keys.items():
            strings = _strings_at(section_name, key)
            message = strings.get("message") or strings.get("description") or ""
            if section_name == "issues":
                message += strings.get("title", "")
            if passed is not None:
                missing = _placeholders(message) - passed
                assert not missing, f"{section_name}.{key} needs {missing}"


def test_config_flow_strings() -> None:
    """Every error and abort reason the flows use has its words."""
    tree = ast.parse((INTEGRATION / "config_flow.py").read_text())
    known_errors = set(STRINGS["config"].get("error", {})) | set(
        STRINGS["options"].get("error", {})
    )
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and isinstance(target := node.targets[0], ast.Subscript)
            and isinstance(target.value, ast.Name)
            and target.value.id == "errors"
            and isinstance(node.value, ast.Constant)
        ):
            assert node.value.value in known_errors, node.value.value
        if isinstance(node, ast.Call) and _callee(node) == "async_abort":
            reason = next(k.value for k in node.keywords if k.arg == "reason")
            assert isinstance(reason, ast.Constant)
            assert reason.value in STRINGS["config"]["abort"], reason.value
        if isinstance(node, ast.Call) and _callee(node) in {
            "_abort_if_unique_id_configured",
            "async_set_unique_id",
        }:
            assert "already_configured" in STRINGS["config"]["abort"]


def _form_fields(schema: vol.Schema) -> Iterator[tuple[str | None, str]]:
    """(section, field) of each field of a form, sections opened."""
    for marker, value in schema.schema.items():
        if isinstance(value, section):
            for inner in value.schema.schema:
                yield str(marker), str(inner)
        else:
            yield None, str(marker)


async def test_config_and_options_steps_have_their_words(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    user = await hass.config_entries.flow.async_init(DOMAIN, context={"source": "user"})
    assert user["type"] is FlowResultType.FORM
    assert user["data_schema"] is not None
    step = _strings_at("config", "step", user["step_id"])
    assert step.get("title")
    for _, field in _form_fields(user["data_schema"]):
        assert field in step["data"], field
        assert field in step.get("data_description", {}), field

    options = await hass.config_entries.options.async_init(init_integration.entry_id)
    assert options["type"] is FlowResultType.FORM
    assert options["data_schema"] is not None
    step = _strings_at("options", "step", options["step_id"])
    for group, field in _form_fields(options["data_schema"]):
        words = step["sections"][group] if group else step
        if group:
            assert words.get("name"), group
        assert field in words["data"], (group, field)
        assert field in words.get("data_description", {}), (group, field)


def _flatten(node: Any, prefix: str = "") -> dict[str, str]:
    if isinstance(node, dict):
        flat: dict[str, str] = {}
        for key, value in node.items():
            flat |= _flatten(value, f"{prefix}.{key}" if prefix else key)
        return flat
    return {prefix: str(node)}


def test_english_translation_is_strings_json() -> None:
    english = _flatten(
        json.loads((INTEGRATION / "translations" / "en.json").read_text())
    )
    source = _flatten(STRINGS)
    differ = sorted(
        key
        for key in english.keys() | source.keys()
        if english.get(key) != source.get(key)
    )
    assert not differ, f"translations/en.json and strings.json differ at {differ}"


@pytest.mark.parametrize(
    "translation",
    sorted(p.name for p in (INTEGRATION / "translations").glob("*.json")),
)
def test_translations_fit_strings_json(translation: str) -> None:
    """Each translation has only keys strings.json has, with the same placeholders."""
    source = _flatten(STRINGS)
    translated = _flatten(
        json.loads((INTEGRATION / "translations" / translation).read_text())
    )
    unknown = sorted(translated.keys() - source.keys())
    assert not unknown, f"{translation} has keys strings.json lacks: {unknown}"
    for key, text in translated.items():
        assert _placeholders(text) == _placeholders(source[key]), (translation, key)


# --- icons.json ----------------------------------------------------------------


@pytest.mark.usefixtures("init_integration")
async def test_icons_cover_every_entity_and_action(
    hass: HomeAssistant, entity_registry: er.EntityRegistry
) -> None:
    for entry in er.async_entries_for_config_entry(entity_registry, ENTRY_ID):
        icons = ICONS["entity"].get(entry.domain, {}).get(entry.translation_key)
        assert icons, f"icons.json has no icon for {entry.entity_id}"
        assert icons["default"].startswith("mdi:"), entry.entity_id
    for name in SERVICES:
        assert ICONS["services"][name]["service"].startswith("mdi:"), name
    assert set(ICONS["services"]) == set(SERVICES)
    for icon in _flatten(ICONS).values():
        assert icon.startswith("mdi:"), icon


# --- brand, workflows, license, changelog ----------------------------------------


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_brand_icons() -> None:
    assert _png_size(INTEGRATION / "brand" / "icon.png") == (256, 256)
    if (hidpi := INTEGRATION / "brand" / "icon@2x.png").exists():
        assert _png_size(hidpi) == (512, 512)


def _workflow(name: str) -> dict[Any, Any]:
    workflow: dict[Any, Any] = load_yaml_dict(REPO / ".github" / "workflows" / name)
    # YAML 1.1 reads the key `on` as True.
    assert workflow.get("on") or workflow.get(True), f"{name} has no trigger"
    return workflow


def _steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_hassfest_workflow() -> None:
    steps = _steps(_workflow("hassfest.yaml"))
    assert any(s.get("uses") == "home-assistant/actions/hassfest@master" for s in steps)


def test_hacs_workflow() -> None:
    steps = _steps(_workflow("hacs.yaml"))
    hacs = [s for s in steps if s.get("uses") == "hacs/action@main"]
    assert hacs
    assert hacs[0]["with"]["category"] == "integration"


def test_tests_workflow() -> None:
    workflow = _workflow("tests.yaml")
    (job,) = workflow["jobs"].values()
    assert str(job["runs-on"]).startswith("ubuntu")
    # Both tested environments, each with the Pythons script/setup needs.
    assert job["strategy"]["matrix"]["environment"] == ["floor", "newest"]
    python = [s for s in job["steps"] if "setup-python" in s.get("uses", "")]
    assert python
    assert str(python[0]["with"]["python-version"]).split() == ["3.14", "3.13"]
    assert any(
        "script/test --${{ matrix.environment }}" in s.get("run", "")
        for s in job["steps"]
    )


def test_license() -> None:
    text = (REPO / "LICENSE").read_text()
    assert text.startswith("MIT License")
    assert "Acupressure Mat contributors" in text


def test_changelog_has_the_manifest_version() -> None:
    text = (REPO / "CHANGELOG.md").read_text()
    version = re.escape(MANIFEST["version"])
    assert re.search(rf"^## \[?{version}\]?", text, re.MULTILINE), MANIFEST["version"]


def _heading_anchors(text: str) -> set[str]:
    """GitHub's anchors for a page's headings."""
    titles = re.findall(r"^#+ (.*)$", text, re.MULTILINE)
    plain = (title.strip().lower().replace("`", "") for title in titles)
    return {re.sub(r"[^\w\- ]", "", title).replace(" ", "-") for title in plain}


def test_every_relative_link_in_the_readme_and_docs_resolves() -> None:
    """Every relative link in README.md and docs/*.md resolves: file and heading."""
    pages = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    broken = []
    for page in pages:
        text = page.read_text()
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            if not linked.exists():
                broken.append(f"{page.name}: {target}")
            elif (
                anchor
                and linked.suffix == ".md"
                and anchor not in _heading_anchors(linked.read_text())
            ):
                broken.append(f"{page.name}: {target} (no such heading)")
    assert not broken
