"""The network and training controls: the settings panel, the presets menu and the divergence notice."""
