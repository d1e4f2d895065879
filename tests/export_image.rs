//! View → Export image…: the size a person chooses. (Writing the image needs a real window
//! that can be resized and read back: `--screenshot` and `tests/export_steps.rs` cover that
//! path under Xvfb.)

mod common;

use chronomap::export_image::{EXPORT_IMAGE_LABEL, EXPORT_IMAGE_TITLE, SAVE_IMAGE_LABEL};
use egui_kittest::kittest::Queryable as _;

#[test]
fn the_menu_opens_the_size_choice_and_a_preset_sets_the_size() {
    let mut harness = common::harness();
    harness
        .get_by_label(chronomap::app::VIEW_MENU_LABEL)
        .click();
    harness.run_steps(4);
    harness.get_by_label(EXPORT_IMAGE_LABEL).click();
    harness.run_steps(4);
    harness.get_by_label(EXPORT_IMAGE_TITLE);
    harness.get_by_label(SAVE_IMAGE_LABEL);
    harness.get_by_label("3840 × 2160").click();
    harness.run_steps(3);
    let export = harness.state().image_export();
    assert_eq!((export.width, export.height), (3840, 2160));
    harness.get_by_label("1280 × 720").click();
    harness.run_steps(3);
    let export = harness.state().image_export();
    assert_eq!((export.width, export.height), (1280, 720));
    assert!(
        !export.is_busy(),
        "nothing is written until a file is chosen"
    );
}
