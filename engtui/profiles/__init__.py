"""Everything about profiles: the config file, ``~/.aws``, where each setting comes from,
secrets and the keyring probe, and the plain values the profile screens show.

Never imports Textual or rich, and nothing heavy at import time (boto3, keyring and tomlkit
load where they are used). The modules:

* :mod:`~engtui.profiles.model`: a profile, its checks, the errors about files.
* :mod:`~engtui.profiles.config_file`: the TOML config file (format documented there);
  :mod:`~engtui.profiles.validate` and :mod:`~engtui.profiles.toml_positions` check it.
* :mod:`~engtui.profiles.aws_config`: the one reader of ``~/.aws/config`` and credentials.
* :mod:`~engtui.profiles.resolve`: the one resolver of region, endpoint and AWS profile.
* :mod:`~engtui.profiles.active`: the active profile and the client settings it gives.
* :mod:`~engtui.profiles.keyring_probe`, :mod:`~engtui.profiles.secrets`: the keyring.
* :mod:`~engtui.profiles.manager`: what the TUI does with profiles (blocking calls for a
  worker); :mod:`~engtui.profiles.view` the values its screens show;
  :mod:`~engtui.profiles.describe` the sentences the TUI and the CLI share.
"""
