"""Settings, profiles, secrets and history: everything engtui keeps between runs.

Never imports textual or boto3. The modules:

* :mod:`engtui.config.paths`: where files live; atomic 0600 writes.
* :mod:`engtui.config.profiles`: the TOML config file and its named profiles (the file
  format is documented there).
* :mod:`engtui.config.secrets`: the keyring probe and the secret store.
* :mod:`engtui.config.aws_profiles`: the AWS named profiles in ``~/.aws``.
* :mod:`engtui.config.history`: recently opened engagements.
"""

# Exports load their module on first use (PEP 562): importing one light module (say, the
# AWS profiles parser for `engtui get`) must not pull in keyring, which costs ~35 ms.
_EXPORTS = {
    "AwsProfile": "engtui.config.aws_profiles",
    "AwsProfileKind": "engtui.config.aws_profiles",
    "AwsProfiles": "engtui.config.aws_profiles",
    "list_aws_profiles": "engtui.config.aws_profiles",
    "RecentEngagements": "engtui.config.history",
    "RecentEntry": "engtui.config.history",
    "cache_dir": "engtui.config.paths",
    "config_path": "engtui.config.paths",
    "log_dir": "engtui.config.paths",
    "state_dir": "engtui.config.paths",
    "CATALOGS": "engtui.config.profiles",
    "ENVIRONMENT": "engtui.config.profiles",
    "RETRY_MODES": "engtui.config.profiles",
    "ActiveSelection": "engtui.config.profiles",
    "ConfigError": "engtui.config.profiles",
    "ConfigFile": "engtui.config.profiles",
    "ConfigWarning": "engtui.config.profiles",
    "Profile": "engtui.config.profiles",
    "ProfileValueError": "engtui.config.profiles",
    "Setting": "engtui.config.profiles",
    "UnknownProfileError": "engtui.config.profiles",
    "resolve_endpoint": "engtui.config.profiles",
    "resolve_region": "engtui.config.profiles",
    "KeyringKind": "engtui.config.secrets",
    "KeyringProbe": "engtui.config.secrets",
    "KeyringStatus": "engtui.config.secrets",
    "KeyringUnavailable": "engtui.config.secrets",
    "Secret": "engtui.config.secrets",
    "SecretStore": "engtui.config.secrets",
    "SecretStoreError": "engtui.config.secrets",
    "SessionSecrets": "engtui.config.secrets",
    "StaticCredentials": "engtui.config.secrets",
    "StoredSecret": "engtui.config.secrets",
    "probe_keyring": "engtui.config.secrets",
    "static_credentials": "engtui.config.secrets",
}


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'engtui.config' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = [
    "CATALOGS",
    "ENVIRONMENT",
    "RETRY_MODES",
    "ActiveSelection",
    "AwsProfile",
    "AwsProfileKind",
    "AwsProfiles",
    "ConfigError",
    "ConfigFile",
    "ConfigWarning",
    "KeyringKind",
    "KeyringProbe",
    "KeyringStatus",
    "KeyringUnavailable",
    "Profile",
    "ProfileValueError",
    "RecentEngagements",
    "RecentEntry",
    "Secret",
    "SecretStore",
    "SecretStoreError",
    "SessionSecrets",
    "Setting",
    "StaticCredentials",
    "StoredSecret",
    "UnknownProfileError",
    "cache_dir",
    "config_path",
    "list_aws_profiles",
    "log_dir",
    "probe_keyring",
    "resolve_endpoint",
    "resolve_region",
    "state_dir",
    "static_credentials",
]
