//! The two map styles: colours and line widths.

use tiny_skia::Color;

/// Which palette a tile is drawn with; match it to the egui theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MapStyle {
    /// Paper-coloured land, blue water.
    #[default]
    Light,
    /// Slate land, deep blue water, light text.
    Dark,
}

/// Resolved colours for one style.
pub struct Palette {
    pub water: Color,
    pub water_glow: Color,
    pub land: Color,
    pub coast: Color,
    pub border: Color,
    pub border_casing: Color,
    pub province: Color,
    pub river: Color,
    pub country_text: Color,
    pub province_text: Color,
    pub city_text: Color,
    pub sea_text: Color,
    pub river_text: Color,
    pub halo: Color,
    pub sea_halo: Color,
    pub dot: Color,
    pub dot_ring: Color,
}

fn rgba(r: u8, g: u8, b: u8, a: u8) -> Color {
    Color::from_rgba8(r, g, b, a)
}

impl MapStyle {
    /// The style matching an egui theme.
    pub fn for_theme(theme: egui::Theme) -> MapStyle {
        match theme {
            egui::Theme::Dark => MapStyle::Dark,
            egui::Theme::Light => MapStyle::Light,
        }
    }

    /// The style matching egui's dark-mode flag (`ctx.style().visuals.dark_mode`).
    pub fn for_dark_mode(dark: bool) -> MapStyle {
        if dark {
            MapStyle::Dark
        } else {
            MapStyle::Light
        }
    }

    /// The colours of this style.
    pub fn palette(self) -> Palette {
        match self {
            MapStyle::Light => Palette {
                water: rgba(170, 200, 223, 255),
                water_glow: rgba(190, 215, 233, 255),
                land: rgba(243, 240, 232, 255),
                coast: rgba(120, 156, 186, 255),
                border: rgba(138, 118, 140, 255),
                border_casing: rgba(214, 200, 214, 150),
                province: rgba(184, 172, 186, 255),
                river: rgba(140, 180, 212, 255),
                country_text: rgba(105, 88, 108, 255),
                province_text: rgba(140, 128, 140, 255),
                city_text: rgba(48, 48, 52, 255),
                sea_text: rgba(58, 100, 140, 255),
                river_text: rgba(62, 112, 160, 255),
                halo: rgba(243, 240, 232, 220),
                sea_halo: rgba(170, 200, 223, 140),
                dot: rgba(70, 70, 76, 255),
                dot_ring: rgba(255, 255, 255, 255),
            },
            MapStyle::Dark => Palette {
                water: rgba(22, 36, 52, 255),
                water_glow: rgba(28, 46, 66, 255),
                land: rgba(44, 47, 52, 255),
                coast: rgba(62, 88, 112, 255),
                border: rgba(118, 113, 128, 255),
                border_casing: rgba(70, 68, 78, 160),
                province: rgba(92, 92, 102, 255),
                river: rgba(60, 104, 142, 255),
                country_text: rgba(178, 172, 186, 255),
                province_text: rgba(128, 126, 136, 255),
                city_text: rgba(220, 222, 226, 255),
                sea_text: rgba(112, 150, 186, 255),
                river_text: rgba(104, 150, 192, 255),
                halo: rgba(36, 38, 42, 220),
                sea_halo: rgba(22, 36, 52, 140),
                dot: rgba(220, 222, 226, 255),
                dot_ring: rgba(36, 38, 42, 255),
            },
        }
    }
}
