"""Settings, profiles, secrets and history: everything engtui keeps between runs.

Never imports textual or boto3. The modules:

* :mod:`engtui.config.paths`: where files live; atomic 0600 writes.
* :mod:`engtui.config.profiles`: the TOML config file and its named profiles (the file
  format is documented there).
* :mod:`engtui.config.secrets`: the keyring probe and the secret store.
* :mod:`engtui.config.aws_profiles`: the AWS named profiles in ``~/.aws``.
* :mod:`engtui.config.history`: recently opened engagements.
"""

from engtui.config.aws_profiles import AwsProfile, AwsProfileKind, AwsProfiles, list_aws_profiles
from engtui.config.history import RecentEngagements, RecentEntry
from engtui.config.paths import cache_dir, config_path, log_dir, state_dir
from engtui.config.profiles import (
    CATALOGS,
    ENVIRONMENT,
    RETRY_MODES,
    ActiveSelection,
    ConfigError,
    ConfigFile,
    ConfigWarning,
    Profile,
    ProfileValueError,
    Setting,
    UnknownProfileError,
    resolve_endpoint,
    resolve_region,
)
from engtui.config.secrets import (
    KeyringKind,
    KeyringProbe,
    KeyringStatus,
    KeyringUnavailable,
    Secret,
    SecretStore,
    SecretStoreError,
    SessionSecrets,
    StaticCredentials,
    StoredSecret,
    probe_keyring,
    static_credentials,
)

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
